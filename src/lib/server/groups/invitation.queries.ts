/** Kysely code of the invitations to working groups. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { WorkingGroupInvitationTable } from '../db/tables/network.ts';

export async function insertInvitation(db: DbOrTx, row: Insertable<WorkingGroupInvitationTable>): Promise<void> {
	await db.insertInto('working_group_invitation').values(row).execute();
}

/** An unused invitation by its link's hash, with its group and event. */
export function findOpenInvitation(db: DbOrTx, hash: string) {
	return db
		.selectFrom('working_group_invitation')
		.innerJoin('working_group', 'working_group.id', 'working_group_invitation.group_id')
		.innerJoin('event', 'event.id', 'working_group.event_id')
		.select([
			'working_group_invitation.id',
			'working_group_invitation.email',
			'working_group.id as group_id',
			'working_group.title',
			'working_group.purpose',
			'working_group.status',
			'event.id as event_id',
			'event.slug as event_slug',
			'event.title as event_title'
		])
		.where('working_group_invitation.token_hash', '=', hash)
		.where('working_group_invitation.used_at', 'is', null)
		.executeTakeFirst();
}

/** The event's live registration with this address (case does not matter), the latest first. */
export function findRegistrationByEmail(db: DbOrTx, eventId: string, email: string) {
	return db
		.selectFrom('registration')
		.select(['id'])
		.where('event_id', '=', eventId)
		.where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
		.where('status', '!=', 'cancelled')
		.orderBy('created_at', 'desc')
		.executeTakeFirst();
}

/** Marks the invitation used; false when another request used it first. */
export async function markInvitationUsed(db: DbOrTx, id: string, profileId: string, at: string): Promise<boolean> {
	const res = await db
		.updateTable('working_group_invitation')
		.set({ used_at: at, profile_id: profileId })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) > 0;
}

/** How many invitations of the group wait for an answer. */
export async function countOpenInvitations(db: DbOrTx, groupId: string): Promise<number> {
	const row = await db
		.selectFrom('working_group_invitation')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('group_id', '=', groupId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The group's invitations, the latest first. */
export function listGroupInvitations(db: DbOrTx, groupId: string) {
	return db
		.selectFrom('working_group_invitation')
		.select(['id', 'email', 'created_at', 'used_at'])
		.where('group_id', '=', groupId)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
}

/** One invitation of the group, used or not. */
export function findGroupInvitation(db: DbOrTx, groupId: string, id: string) {
	return db
		.selectFrom('working_group_invitation')
		.select(['id', 'used_at'])
		.where('group_id', '=', groupId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Deletes the invitation while it is unused; false when it was used (or deleted) meanwhile. */
export async function deleteOpenInvitation(db: DbOrTx, id: string): Promise<boolean> {
	const res = await db.deleteFrom('working_group_invitation').where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
	return Number(res.numDeletedRows) > 0;
}
