/** All Kysely code of campaigns: the campaigns, their audiences, recipients and figures. */
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DbOrTx } from '../db/index.ts';
import type { CampaignRecipientTable, CampaignTable } from '../db/tables/campaigns.ts';
import type { NewMailMessageRow } from '../mail/outbox.queries.ts';

export type CampaignRow = Selectable<CampaignTable>;

export async function insertCampaignRow(db: DbOrTx, row: Insertable<CampaignTable>): Promise<void> {
	await db.insertInto('campaign').values(row).execute();
}

/** Changes a campaign and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateCampaignRow(db: DbOrTx, id: string, values: Updateable<CampaignTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('campaign')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export function findCampaignRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('campaign').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function findCampaignById(db: DbOrTx, id: string) {
	return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many of `listIds` are lists of the event. */
export async function countEventLists(db: DbOrTx, eventId: string, listIds: string[]): Promise<number> {
	const rows = await db.selectFrom('contact_list').select('id').where('event_id', '=', eventId).where('id', 'in', listIds).execute();
	return rows.length;
}

export function listCampaignRows(db: DbOrTx, eventId: string) {
	return db.selectFrom('campaign').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
}

/**
 * Marks a draft or scheduled campaign sent (handed to the outbox) and answers whether this call
 * did: of two processes queueing it at once, one only goes on.
 */
export async function claimCampaignForSending(db: DbOrTx, id: string, nowIso: string): Promise<boolean> {
	const r = await db
		.updateTable('campaign')
		.set({ status: 'sent', queued_at: nowIso, updated_at: nowIso, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.where('status', 'in', ['draft', 'scheduled'])
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** When the event's report was published for visitors to read; null while it is not. */
export async function findReportPublishedAt(db: DbOrTx, eventId: string): Promise<string | Date | null> {
	const row = await db
		.selectFrom('event_report')
		.innerJoin('event', 'event.id', 'event_report.event_id')
		.select(['event_report.published', 'event_report.published_at', 'event.status'])
		.where('event_report.event_id', '=', eventId)
		.executeTakeFirst();
	return row && Number(row.published) === 1 && row.status !== 'draft' ? row.published_at : null;
}

/** The tasks of the event's campaigns not sent yet, anchored as given. */
export function selectUnsentCampaignTasks(db: DbOrTx, eventId: string, anchors: string[]) {
	return db
		.selectFrom('campaign')
		.select(['planning_task_id', 'anchor', 'offset_days', 'fixed_at'])
		.where('event_id', '=', eventId)
		.where('status', 'in', ['draft', 'scheduled'])
		.where('planning_task_id', 'is not', null)
		.where('anchor', 'in', anchors)
		.execute();
}

/**
 * Scheduled campaigns with their event's dates and when its report was published (null while it
 * is not, or while the event is a draft: the public report does not exist then), for the job.
 */
export function listScheduledCampaigns(db: DbOrTx, eventId?: string) {
	return db
		.selectFrom('campaign')
		.innerJoin('event', 'event.id', 'campaign.event_id')
		.leftJoin('event_report', 'event_report.event_id', 'campaign.event_id')
		.select((eb) => [
			eb
				.case()
				.when(eb.and([eb('event_report.published', '=', 1), eb('event.status', '<>', 'draft')]))
				.then(eb.ref('event_report.published_at'))
				.else(null)
				.end()
				.as('report_published_at'),
			'campaign.id',
			'campaign.anchor',
			'campaign.offset_days',
			'campaign.send_time',
			'campaign.fixed_at',
			'event.starts_at',
			'event.ends_at'
		])
		.where('campaign.status', '=', 'scheduled')
		.$if(eventId !== undefined, (q) => q.where('campaign.event_id', '=', eventId!))
		.execute();
}

// ---- Audiences: each returns people as { email, first_name, last_name, registration_id } ----

export function selectListContacts(db: DbOrTx, eventId: string, listIds: string[]) {
	return db
		.selectFrom('contact')
		.innerJoin('contact_list', 'contact_list.id', 'contact.list_id')
		.select(['contact.email', 'contact.first_name', 'contact.last_name'])
		.where('contact_list.event_id', '=', eventId)
		.where('contact_list.id', 'in', listIds)
		.execute();
}

export function selectRegistrationsByStatus(db: DbOrTx, eventId: string, statuses: string[]) {
	return db
		.selectFrom('registration')
		.select(['email', 'first_name', 'last_name', 'id as registration_id'])
		.where('event_id', '=', eventId)
		.where('status', 'in', statuses)
		.where('email', 'is not', null)
		.execute();
}

/** The event's sessions among `ids`, with what tells who came to them. */
export function selectSessionsForAudience(db: DbOrTx, eventId: string, ids: string[]) {
	return db
		.selectFrom('session')
		.select(['id', 'starts_at', 'requires_registration'])
		.where('event_id', '=', eventId)
		.where('id', 'in', ids)
		.execute();
}

/** The event's sessions (breaks aside) in programme order, for the audience's choices. */
export function listSessionChoices(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.select(['id', 'title', 'starts_at'])
		.where('event_id', '=', eventId)
		.where('format', '<>', 'break')
		.orderBy('starts_at')
		.orderBy('title')
		.execute();
}

/**
 * People checked in at least once when `halfDays` and `seatSessions` are both empty; else those
 * checked in on one of `halfDays`, or holding a confirmed seat in one of `seatSessions[halfDay]`
 * and checked in on that half-day (a session needing registration counts its seat holders who came).
 */
export function selectAttended(db: DbOrTx, eventId: string, halfDays: string[], seatSessions: Map<string, string[]> = new Map()) {
	const checkedIn = (eb: ExpressionBuilder<Database, 'registration'>, days: string[] | null) =>
		eb.exists(
			eb
				.selectFrom('checkin')
				.select('checkin.registration_id')
				.whereRef('checkin.registration_id', '=', 'registration.id')
				.$if(days !== null, (q) => q.where('checkin.half_day', 'in', days!))
		);
	return db
		.selectFrom('registration')
		.select(['email', 'first_name', 'last_name', 'id as registration_id'])
		.where('event_id', '=', eventId)
		.where('email', 'is not', null)
		.where('status', '<>', 'cancelled')
		.where((eb) => {
			if (halfDays.length === 0 && seatSessions.size === 0) return checkedIn(eb, null);
			const any = [...seatSessions].map(([day, sessionIds]) =>
				eb.and([
					checkedIn(eb, [day]),
					eb.exists(
						eb
							.selectFrom('registration_session')
							.select('registration_session.registration_id')
							.whereRef('registration_session.registration_id', '=', 'registration.id')
							.where('registration_session.session_id', 'in', sessionIds)
							.where('registration_session.status', '=', 'confirmed')
					)
				])
			);
			if (halfDays.length) any.push(checkedIn(eb, halfDays));
			return eb.or(any);
		})
		.execute();
}

/** Confirmed registrations never checked in. */
export function selectAbsent(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration')
		.select(['email', 'first_name', 'last_name', 'id as registration_id'])
		.where('event_id', '=', eventId)
		.where('email', 'is not', null)
		.where('status', '=', 'confirmed')
		.where((eb) =>
			eb.not(
				eb.exists(eb.selectFrom('checkin').select('checkin.registration_id').whereRef('checkin.registration_id', '=', 'registration.id'))
			)
		)
		.execute();
}

/** People who came (checked in at least once, not cancelled) without a `survey_respondent` row for the event's survey. */
export function selectSurveyNonRespondents(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration')
		.select(['email', 'first_name', 'last_name', 'id as registration_id'])
		.where('registration.event_id', '=', eventId)
		.where('email', 'is not', null)
		.where('status', '<>', 'cancelled')
		.where((eb) =>
			eb.exists(eb.selectFrom('checkin').select('checkin.registration_id').whereRef('checkin.registration_id', '=', 'registration.id'))
		)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('survey_respondent')
						.innerJoin('survey', 'survey.id', 'survey_respondent.survey_id')
						.select('survey_respondent.registration_id')
						.whereRef('survey_respondent.registration_id', '=', 'registration.id')
						.where('survey.event_id', '=', eventId)
				)
			)
		)
		.execute();
}

export function selectSpeakerAddresses(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('speaker')
		.select(['email', 'name'])
		.where('event_id', '=', eventId)
		.where('email', 'is not', null)
		.where('status', '<>', 'declined')
		.execute();
}

export function selectTeamAddresses(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_member')
		.innerJoin('user', 'user.id', 'event_member.user_id')
		.select(['user.email', 'user.name'])
		.where('event_member.event_id', '=', eventId)
		.execute();
}

/** Addresses with a registration that is not cancelled. */
export async function selectRegisteredEmails(db: DbOrTx, eventId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('registration')
		.select('email')
		.where('event_id', '=', eventId)
		.where('status', '<>', 'cancelled')
		.where('email', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.email!.toLowerCase()));
}

// ---- Recipients ----

/**
 * Inserts recipients, skipping any address the campaign already has (its unique key); answers
 * the rows that were inserted, whose messages the caller then queues.
 */
export async function insertRecipients(db: DbOrTx, rows: Insertable<CampaignRecipientTable>[]) {
	if (rows.length === 0) return [];
	return db
		.insertInto('campaign_recipient')
		.values(rows)
		.onConflict((oc) => oc.columns(['campaign_id', 'email']).doNothing())
		.returning(['id', 'email', 'mail_id'])
		.execute();
}

export async function insertMailRows(db: DbOrTx, rows: NewMailMessageRow[]): Promise<void> {
	for (let i = 0; i < rows.length; i += 400)
		await db
			.insertInto('mail_message')
			.values(rows.slice(i, i + 400))
			.execute();
}

/** A recipient with what writing their message needs: the campaign and its event. */
export function findRecipientForRender(db: DbOrTx, recipientId: string) {
	return db
		.selectFrom('campaign_recipient')
		.innerJoin('campaign', 'campaign.id', 'campaign_recipient.campaign_id')
		.innerJoin('event', 'event.id', 'campaign.event_id')
		.select([
			'campaign_recipient.id',
			'campaign_recipient.email',
			'campaign_recipient.first_name',
			'campaign_recipient.last_name',
			'campaign_recipient.registration_id',
			'campaign.id as campaign_id',
			'campaign.subject',
			'campaign.body',
			'event.id as event_id',
			'event.slug',
			'event.title',
			'event.starts_at',
			'event.ends_at',
			'event.venue_name',
			'event.venue_commune',
			'event.online_url',
			'event.format'
		])
		.where('campaign_recipient.id', '=', recipientId)
		.executeTakeFirst();
}

export function findRecipientByUnsubscribeHash(db: DbOrTx, hash: string) {
	return db
		.selectFrom('campaign_recipient')
		.innerJoin('campaign', 'campaign.id', 'campaign_recipient.campaign_id')
		.innerJoin('event', 'event.id', 'campaign.event_id')
		.select(['campaign_recipient.email', 'event.id as event_id', 'event.title'])
		.where('campaign_recipient.unsubscribe_hash', '=', hash)
		.executeTakeFirst();
}

/** Per campaign of the event: recipients by the status of their message, and unsubscribed ones. One query each. */
export async function selectCampaignCounts(db: DbOrTx, eventId: string) {
	const rows = await db
		.selectFrom('campaign_recipient')
		.innerJoin('campaign', 'campaign.id', 'campaign_recipient.campaign_id')
		.leftJoin('mail_message', 'mail_message.id', 'campaign_recipient.mail_id')
		.select(['campaign.id as campaign_id', 'mail_message.status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('campaign.event_id', '=', eventId)
		.groupBy(['campaign.id', 'mail_message.status'])
		.execute();
	const unsub = await db
		.selectFrom('campaign_recipient')
		.innerJoin('campaign', 'campaign.id', 'campaign_recipient.campaign_id')
		.innerJoin('contact_unsubscribe', (j) =>
			j.onRef('contact_unsubscribe.email', '=', 'campaign_recipient.email').onRef('contact_unsubscribe.event_id', '=', 'campaign.event_id')
		)
		.select(['campaign.id as campaign_id', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('campaign.event_id', '=', eventId)
		.groupBy('campaign.id')
		.execute();
	return { byStatus: rows.map((r) => ({ ...r, n: Number(r.n) })), unsubscribed: unsub.map((r) => ({ ...r, n: Number(r.n) })) };
}

/** The recipients whose message failed, with the SMTP server's reason. */
export function selectCampaignFailures(db: DbOrTx, campaignId: string, limit: number) {
	return db
		.selectFrom('campaign_recipient')
		.innerJoin('mail_message', 'mail_message.id', 'campaign_recipient.mail_id')
		.select(['campaign_recipient.email', 'mail_message.last_error'])
		.where('campaign_recipient.campaign_id', '=', campaignId)
		.where('mail_message.status', '=', 'failed')
		.orderBy('campaign_recipient.email')
		.limit(limit)
		.execute();
}

export function findUserEmail(db: DbOrTx, userId: string) {
	return db.selectFrom('user').select(['email', 'name']).where('id', '=', userId).executeTakeFirst();
}
