import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.ts';

export function listMemberRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_member')
		.innerJoin('user', 'user.id', 'event_member.user_id')
		.select(['user.id as user_id', 'user.email', 'user.name', 'event_member.role', 'event_member.created_at', 'event_member.version'])
		.where('event_member.event_id', '=', eventId)
		.orderBy('event_member.created_at')
		.execute();
}

export async function upsertMember(db: DbOrTx, eventId: string, userId: string, role: string, now: string): Promise<'added' | 'changed'> {
	const existing = await db
		.selectFrom('event_member')
		.select('role')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (existing) {
		await updateMemberRole(db, eventId, userId, role);
		return 'changed';
	}
	await db.insertInto('event_member').values({ event_id: eventId, user_id: userId, role, created_at: now }).execute();
	return 'added';
}

/** Changes a member's role and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateMemberRole(db: DbOrTx, eventId: string, userId: string, role: string, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('event_member')
		.set({ role, version: sql<number>`version + 1` })
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export function deleteMember(db: DbOrTx, eventId: string, userId: string) {
	return db.deleteFrom('event_member').where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
}

export async function countOwners(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('event_member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('event_id', '=', eventId)
		.where('role', '=', 'owner')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
