import type { DbOrTx } from '../db/index.ts';

/**
 * Open tasks of events that are not archived, with the address of whoever owns them (a team
 * member's account or a committee member's e-mail): one query for the whole weekly run.
 */
export function listOpenOwnedTasks(db: DbOrTx) {
	return db
		.selectFrom('planning_task')
		.innerJoin('event', 'event.id', 'planning_task.event_id')
		.leftJoin('user', 'user.id', 'planning_task.owner_user_id')
		.leftJoin('committee_member', 'committee_member.id', 'planning_task.owner_committee_id')
		.select([
			'planning_task.id',
			'planning_task.title',
			'planning_task.offset_days',
			'planning_task.fixed_date',
			'planning_task.status',
			'event.id as event_id',
			'event.slug as event_slug',
			'event.title as event_title',
			'event.starts_at as event_starts_at',
			'user.email as user_email',
			'committee_member.email as committee_email'
		])
		.where('planning_task.status', 'in', ['todo', 'in-progress'])
		.where('event.status', '!=', 'archived')
		.where((eb) => eb.or([eb('planning_task.owner_user_id', 'is not', null), eb('committee_member.email', 'is not', null)]))
		.execute();
}

export function findDigestRecipient(db: DbOrTx, eventId: string, address: string) {
	return db
		.selectFrom('planning_digest_recipient')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('address', '=', address)
		.executeTakeFirst();
}

export function findDigestRecipientByToken(db: DbOrTx, token: string) {
	return db
		.selectFrom('planning_digest_recipient')
		.innerJoin('event', 'event.id', 'planning_digest_recipient.event_id')
		.select([
			'planning_digest_recipient.event_id',
			'planning_digest_recipient.address',
			'planning_digest_recipient.opted_out',
			'event.slug',
			'event.title'
		])
		.where('planning_digest_recipient.token', '=', token)
		.executeTakeFirst();
}

/** Opt-outs of many recipients in one query. */
export async function listOptedOut(db: DbOrTx): Promise<Set<string>> {
	const rows = await db.selectFrom('planning_digest_recipient').select(['event_id', 'address']).where('opted_out', '=', 1).execute();
	return new Set(rows.map((r) => `${r.event_id} ${r.address}`));
}

export async function insertDigestRecipient(
	db: DbOrTx,
	row: { event_id: string; address: string; token: string; opted_out: number; updated_at: string }
): Promise<void> {
	await db
		.insertInto('planning_digest_recipient')
		.values(row)
		.onConflict((oc) => oc.columns(['event_id', 'address']).doNothing())
		.execute();
}

export async function setRecipientOptOut(db: DbOrTx, eventId: string, address: string, optedOut: boolean, now: string): Promise<void> {
	await db
		.updateTable('planning_digest_recipient')
		.set({ opted_out: optedOut ? 1 : 0, updated_at: now })
		.where('event_id', '=', eventId)
		.where('address', '=', address)
		.execute();
}

/**
 * Records that this week's e-mail goes to this address, unless it already went: the unique
 * (event, address, week) key makes the weekly run safe to repeat and to run from two processes.
 */
export async function claimDigest(
	db: DbOrTx,
	row: { id: string; event_id: string; address: string; iso_week: string; task_count: number; created_at: string }
): Promise<boolean> {
	const r = await db
		.insertInto('planning_digest')
		.values({ ...row, mail_id: null })
		.onConflict((oc) => oc.columns(['event_id', 'address', 'iso_week']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setDigestMail(db: DbOrTx, id: string, mailId: string): Promise<void> {
	await db.updateTable('planning_digest').set({ mail_id: mailId }).where('id', '=', id).execute();
}

export function findFeed(db: DbOrTx, eventId: string, userId: string) {
	return db.selectFrom('planning_feed').selectAll().where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
}

export function findFeedByToken(db: DbOrTx, token: string) {
	return db.selectFrom('planning_feed').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function replaceFeed(
	db: DbOrTx,
	row: { event_id: string; user_id: string; token: string; created_at: string }
): Promise<void> {
	await db.deleteFrom('planning_feed').where('event_id', '=', row.event_id).where('user_id', '=', row.user_id).execute();
	await db.insertInto('planning_feed').values(row).execute();
}
