/** Kysely code of the members of the directory's structures (directory_structure_member). */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { DirectoryStructureMemberTable } from '../db/tables/directory.ts';

const COLUMNS = [
	'directory_structure_member.structure_id',
	'directory_structure_member.user_id',
	'directory_structure_member.status',
	'directory_structure_member.note',
	'directory_structure_member.created_at',
	'directory_structure_member.decided_at',
	'user.name',
	'user.email',
	'user.locale'
] as const;

/** The membership rows whose structure is one of `ids` (a structure and the spellings merged into it), with each person's name. */
export function listMembersOf(db: DbOrTx, ids: string[]) {
	return db
		.selectFrom('directory_structure_member')
		.innerJoin('user', 'user.id', 'directory_structure_member.user_id')
		.select(COLUMNS)
		.where('directory_structure_member.structure_id', 'in', ids)
		.orderBy('directory_structure_member.created_at')
		.orderBy('directory_structure_member.user_id')
		.execute();
}

/** One person's membership rows, any structure. */
export function listMembershipsOfUser(db: DbOrTx, userId: string) {
	return db.selectFrom('directory_structure_member').select(['structure_id', 'status']).where('user_id', '=', userId).execute();
}

/** Requests waiting, oldest first (the moderators' queue). */
export function listPendingMemberships(db: DbOrTx, limit: number) {
	return db
		.selectFrom('directory_structure_member')
		.innerJoin('user', 'user.id', 'directory_structure_member.user_id')
		.select(COLUMNS)
		.where('directory_structure_member.status', '=', 'pending')
		.orderBy('directory_structure_member.created_at')
		.limit(limit)
		.execute();
}

/** Inserts a request; false when the person already has a row for that structure id. */
export async function insertMembership(db: DbOrTx, row: Insertable<DirectoryStructureMemberTable>): Promise<boolean> {
	const r = await db
		.insertInto('directory_structure_member')
		.values(row)
		.onConflict((oc) => oc.columns(['structure_id', 'user_id']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Makes a pending request active; false when there was none pending. */
export async function activateMembership(db: DbOrTx, structureId: string, userId: string, by: string, at: string): Promise<boolean> {
	const r = await db
		.updateTable('directory_structure_member')
		.set({ status: 'active', decided_at: at, decided_by: by })
		.where('structure_id', '=', structureId)
		.where('user_id', '=', userId)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/** Deletes a membership row in the given status (a refused request, a member who leaves); false when none. */
export async function deleteMembership(db: DbOrTx, structureId: string, userId: string, status?: string): Promise<boolean> {
	let q = db.deleteFrom('directory_structure_member').where('structure_id', '=', structureId).where('user_id', '=', userId);
	if (status) q = q.where('status', '=', status);
	const r = await q.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}
