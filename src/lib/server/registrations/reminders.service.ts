/**
 * Reminders J−7 and J−1 before an event, and the end of the keeping time of registrations.
 * Both are meant to run periodically (every few minutes) from the app's timer; both are
 * idempotent and safe from several processes at once.
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { withTx } from '../tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { freezeFiguresBeforePurge } from '../reports/report.retention.ts';
import type { Lang } from '../../i18n/index.ts';
import { loadRegistrationEvent, mailEventInfo, mailProgramme, type LoadedEvent } from './registration-event.ts';
import { reminderMail } from './registration-mail.ts';
import { insertExtraToken, listSeatsByRegistration } from './registration.queries.ts';
import {
	claimReminder,
	deleteRegistrationMailsOfEventsEndedBefore,
	deleteRegistrationsOfEventsEndedBefore,
	listRegistrationsDueForReminder
} from './registration-jobs.queries.ts';
import { hashToken, newManageToken, type RegistrationContext } from './registration.service.ts';

const DAY = 86_400_000;
const KINDS = [
	{ kind: 'j7' as const, before: 7 * DAY, until: DAY },
	{ kind: 'j1' as const, before: DAY, until: 0 }
];

/**
 * Queues the reminders that are due at `now`: J−7 from 7 days before the event's start (until
 * J−1 takes over), J−1 from 1 day before until the start. Only for confirmed registrations made
 * before the reminder's time, for published events whose organisers left that reminder on.
 * Each (registration, kind) is queued once, whoever runs it and however often.
 */
export async function queueDueReminders(ctx: RegistrationContext, now: Date = new Date()): Promise<{ queued: number }> {
	let queued = 0;
	const events = new Map<string, LoadedEvent>();
	for (const { kind, before, until } of KINDS) {
		const rows = await listRegistrationsDueForReminder(ctx.db, {
			kind,
			startsFrom: new Date(now.getTime() + until).toISOString(),
			startsBefore: new Date(now.getTime() + before).toISOString(),
			createdBefore: now.toISOString()
		});
		for (const row of rows) {
			const startsAt = new Date(toIso(row.event_starts_at)).getTime();
			if (new Date(toIso(row.created_at)).getTime() >= startsAt - before) continue; // registered after the reminder's time
			let loaded = events.get(row.event_id);
			if (!loaded) {
				loaded = await loadRegistrationEvent(ctx.db, { id: row.event_id });
				events.set(row.event_id, loaded);
			}
			const seats = (await listSeatsByRegistration(ctx.db, [row.id])).get(row.id) ?? [];
			const programme = mailProgramme(loaded, seats, { halfDays: JSON.parse(row.half_days) as string[], role: row.role });
			const token = newManageToken();
			const event = loaded;
			const done = await withTx(ctx.db, async (tx) => {
				if (!(await claimReminder(tx, row.id, kind, now.toISOString()))) return false;
				await insertExtraToken(tx, row.id, hashToken(token), now.toISOString());
				await enqueueMail(
					tx,
					reminderMail(
						kind,
						mailEventInfo(event.event),
						{
							registrationId: row.id,
							firstName: row.first_name,
							lastName: row.last_name,
							email: row.email!,
							lang: (row.lang === 'en' ? 'en' : 'fr') as Lang,
							status: 'confirmed',
							newsletter: Number(row.consent_newsletter) === 1,
							photos: Number(row.consent_photos) === 1
						},
						programme,
						{ publicUrl: ctx.publicUrl, manageToken: token, checkinCode: row.checkin_code },
						event.settings.reminders[kind].text
					)
				);
				return true;
			});
			if (done) queued++;
		}
	}
	return { queued };
}

/**
 * Erases the registrations of events that ended more than `years` years ago (3 by default, the
 * usual RGPD reference for event participants), with everything attached to them and the e-mails
 * the outbox still holds for them.
 */
export async function purgeExpiredRegistrations(db: DbOrTx, now: Date = new Date(), years = 3): Promise<number> {
	const limit = new Date(now);
	limit.setUTCFullYear(limit.getUTCFullYear() - years);
	// The national and report figures are counted and kept first: they outlive the personal data.
	await freezeFiguresBeforePurge(db, limit.toISOString());
	// Their e-mails first: a run stopped in between finds the registrations, and so the e-mails, again.
	await deleteRegistrationMailsOfEventsEndedBefore(db, limit.toISOString());
	const n = await deleteRegistrationsOfEventsEndedBefore(db, limit.toISOString());
	if (n > 0)
		await recordAudit(db, {
			actor: null,
			actorLabel: 'Maillage (durée de conservation)',
			event: null,
			action: 'registration.erased',
			subject: `${n} inscriptions`,
			details: { reason: 'retention', endedBefore: limit.toISOString() }
		});
	return n;
}
