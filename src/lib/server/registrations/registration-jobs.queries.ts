/** Kysely code of the registration jobs: reminders to send (J−7, J−1) and the retention purge. */
import type { DbOrTx } from '../db/index.ts';

/** Confirmed registrations of events starting within the window, without a reminder of `kind` yet. */
export function listRegistrationsDueForReminder(
	db: DbOrTx,
	args: { kind: string; startsFrom: string; startsBefore: string; createdBefore: string }
) {
	const enabled =
		args.kind === 'j7' ? 'event_registration_settings.reminder_j7_enabled' : 'event_registration_settings.reminder_j1_enabled';
	return db
		.selectFrom('registration')
		.innerJoin('event', 'event.id', 'registration.event_id')
		.innerJoin('event_registration_settings', 'event_registration_settings.event_id', 'event.id')
		.selectAll('registration')
		.select(['event.starts_at as event_starts_at'])
		.where('event.status', '=', 'published')
		.where('event.starts_at', '>', args.startsFrom)
		.where('event.starts_at', '<=', args.startsBefore)
		.where(enabled, '=', 1)
		.where('registration.status', '=', 'confirmed')
		.where('registration.email', 'is not', null)
		.where('registration.created_at', '<', args.createdBefore)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('registration_reminder')
						.select('registration_reminder.registration_id')
						.whereRef('registration_reminder.registration_id', '=', 'registration.id')
						.where('registration_reminder.kind', '=', args.kind)
				)
			)
		)
		.orderBy('registration.event_id')
		.limit(1000)
		.execute();
}

/** Records a reminder; false when another process recorded it first (then it must not be queued). */
export async function claimReminder(db: DbOrTx, registrationId: string, kind: string, nowIso: string): Promise<boolean> {
	const r = await db
		.insertInto('registration_reminder')
		.values({ registration_id: registrationId, kind, queued_at: nowIso })
		.onConflict((oc) => oc.columns(['registration_id', 'kind']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Registrations of events that ended before `endedBefore` (their data is past its keeping time). */
/**
 * The e-mails to the people registered at events that ended before `endedBefore` (queued, sent
 * or failed; one being sent is left to its worker), before their registrations are erased.
 */
export async function deleteRegistrationMailsOfEventsEndedBefore(db: DbOrTx, endedBefore: string): Promise<number> {
	const r = await db
		.deleteFrom('mail_message')
		.where('status', 'in', ['preparing', 'pending', 'sent', 'failed'])
		.where('event_id', 'in', (eb) => eb.selectFrom('event').select('id').where('ends_at', '<', endedBefore))
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('registration')
					.select('registration.id')
					.whereRef('registration.event_id', '=', 'mail_message.event_id')
					.whereRef('registration.email', '=', 'mail_message.to_address')
			)
		)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function deleteRegistrationsOfEventsEndedBefore(db: DbOrTx, endedBefore: string): Promise<number> {
	const r = await db
		.deleteFrom('registration')
		.where('event_id', 'in', (eb) => eb.selectFrom('event').select('id').where('ends_at', '<', endedBefore))
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}
