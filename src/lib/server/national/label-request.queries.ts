import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { LabelRequestTable, LabelRequestStepTable } from '../db/tables/national.ts';

export type LabelRequestRow = Selectable<LabelRequestTable>;
export type LabelRequestStepRow = Selectable<LabelRequestStepTable>;

export async function isReviewerRow(db: DbOrTx, userId: string): Promise<boolean> {
	const row = await db.selectFrom('national_reviewer').select('user_id').where('user_id', '=', userId).executeTakeFirst();
	return row !== undefined;
}

export function listReviewerRows(db: DbOrTx) {
	return db
		.selectFrom('national_reviewer')
		.innerJoin('user', 'user.id', 'national_reviewer.user_id')
		.select(['user.id', 'user.email', 'user.name', 'national_reviewer.created_at'])
		.orderBy('user.email')
		.execute();
}

export async function insertReviewer(db: DbOrTx, userId: string, grantedBy: string, now: string): Promise<void> {
	await db
		.insertInto('national_reviewer')
		.values({ user_id: userId, granted_by: grantedBy, created_at: now })
		.onConflict((oc) => oc.column('user_id').doNothing())
		.execute();
}

export async function deleteReviewer(db: DbOrTx, userId: string): Promise<void> {
	await db.deleteFrom('national_reviewer').where('user_id', '=', userId).execute();
}

export function findUserByEmail(db: DbOrTx, email: string) {
	return db.selectFrom('user').select(['id', 'email', 'name']).where('email', '=', email).executeTakeFirst();
}

export function findUserLabel(db: DbOrTx, userId: string) {
	return db.selectFrom('user').select(['name', 'email']).where('id', '=', userId).executeTakeFirst();
}

export function findLabelRequestById(db: DbOrTx, id: string) {
	return db.selectFrom('label_request').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLabelRequestByEvent(db: DbOrTx, eventId: string) {
	return db.selectFrom('label_request').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export async function insertLabelRequest(db: DbOrTx, row: Omit<LabelRequestRow, 'version'>): Promise<void> {
	await db.insertInto('label_request').values(row).execute();
}

/** Changes a request and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateLabelRequest(
	db: DbOrTx,
	id: string,
	values: Partial<Omit<LabelRequestRow, 'id' | 'event_id' | 'created_at' | 'version'>>,
	versions?: number[]
): Promise<boolean> {
	let q = db
		.updateTable('label_request')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function insertLabelRequestStep(db: DbOrTx, row: LabelRequestStepRow): Promise<void> {
	await db.insertInto('label_request_step').values(row).execute();
}

/** The steps of several requests in one query, oldest first. */
export async function listStepsByRequest(db: DbOrTx, requestIds: string[]): Promise<Map<string, LabelRequestStepRow[]>> {
	const map = new Map<string, LabelRequestStepRow[]>();
	if (requestIds.length === 0) return map;
	const rows = await db
		.selectFrom('label_request_step')
		.selectAll()
		.where('request_id', 'in', requestIds)
		.orderBy('request_id')
		.orderBy('at')
		.orderBy('id')
		.execute();
	for (const r of rows) map.set(r.request_id, [...(map.get(r.request_id) ?? []), r]);
	return map;
}

/** Requests with their event's live slug, title and status, oldest submission first. */
export function listLabelRequestRows(db: DbOrTx, status: string | null) {
	let q = db
		.selectFrom('label_request')
		.innerJoin('event', 'event.id', 'label_request.event_id')
		.selectAll('label_request')
		.select(['event.slug as event_slug', 'event.title as event_title', 'event.status as event_status']);
	if (status) q = q.where('label_request.status', '=', status);
	return q.orderBy('label_request.requested_on').orderBy('label_request.id').limit(1000).execute();
}

export function findLabelRequestWithEvent(db: DbOrTx, id: string) {
	return db
		.selectFrom('label_request')
		.innerJoin('event', 'event.id', 'label_request.event_id')
		.selectAll('label_request')
		.select(['event.slug as event_slug', 'event.title as event_title', 'event.status as event_status'])
		.where('label_request.id', '=', id)
		.executeTakeFirst();
}

export function listSessionTitles(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.select('title')
		.where('event_id', '=', eventId)
		.orderBy('starts_at')
		.orderBy('title')
		.limit(200)
		.execute();
}

/** The people told of a decision: the event's owners and organisers (not read-only members). */
export function listEventEditorEmails(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_member')
		.innerJoin('user', 'user.id', 'event_member.user_id')
		.select(['user.email', 'user.locale'])
		.where('event_member.event_id', '=', eventId)
		.where('event_member.role', 'in', ['owner', 'organiser'])
		.orderBy('user.email')
		.execute();
}

export async function setEventLabel(db: DbOrTx, eventId: string, status: string, requestedOn: string, now: string): Promise<void> {
	await db
		.updateTable('event')
		// A new version: an event form loaded before the request must not put the old label back.
		.set({ label_status: status, label_requested_on: requestedOn, updated_at: now, version: sql<number>`version + 1` })
		.where('id', '=', eventId)
		.execute();
}
