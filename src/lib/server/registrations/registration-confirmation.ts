/**
 * The confirmation e-mail of a registration, queued unwritten in the registration's own
 * transaction (nothing is acknowledged without it) and written moments later by the outbox's
 * renderer (mail/mail-renderer.ts), which keeps a rush's CPU for registering. It is written from
 * the registration as it then is: its status, its seats, its check-in code, and the private link
 * whose clear token only this message carries.
 */
import type { Db } from '../db/index.ts';
import type { MailRenderers } from '../mail/mail-renderer.ts';
import { newMailToRenderRow, type NewMail } from '../mail/outbox.service.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { qrPng } from './qr.ts';
import { checkinUrl, confirmationMail, type MailPerson } from './registration-mail.ts';
import { loadRegistrationEventCached, mailEventInfo, mailProgramme } from './registration-event.ts';
import { findRegistrationById, listSeatsByRegistration, type RegistrationRow } from './registration.queries.ts';

export const CONFIRMATION_TEMPLATE = 'registration-confirmed';

/** Who an e-mail of this registration goes to, as the e-mails see them; null without an address. */
export function mailPerson(
	row: Pick<RegistrationRow, 'id' | 'email' | 'first_name' | 'last_name' | 'lang' | 'status' | 'consent_newsletter' | 'consent_photos'>
): MailPerson | null {
	if (!row.email) return null;
	return {
		registrationId: row.id,
		firstName: row.first_name,
		lastName: row.last_name,
		email: row.email,
		lang: (row.lang === 'en' ? 'en' : 'fr') as Lang,
		status: row.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
		newsletter: Number(row.consent_newsletter) === 1,
		photos: Number(row.consent_photos) === 1
	};
}

/** The outbox row of the confirmation, for the registration's transaction: its subject, not yet its body. */
export function confirmationToRender(event: { id: string; title: string }, person: MailPerson, manageToken: string) {
	const t = translator(person.lang);
	const subject = t(person.status === 'waitlisted' ? 'registration.mail.confirm.subjectWaitlisted' : 'registration.mail.confirm.subject', {
		event: event.title
	});
	return newMailToRenderRow(
		{ kind: CONFIRMATION_TEMPLATE, to: person.email, subject, eventId: event.id },
		{ template: CONFIRMATION_TEMPLATE, registrationId: person.registrationId, manageToken }
	);
}

async function renderConfirmation(
	db: Db,
	publicUrl: string,
	registrationId: string,
	manageToken: string
): Promise<NewMail | { dropped: string }> {
	const row = await findRegistrationById(db, registrationId);
	if (!row) return { dropped: 'the registration was deleted before its confirmation was written' };
	if (row.status === 'cancelled') return { dropped: 'the registration was cancelled before its confirmation was written' };
	const person = mailPerson(row);
	if (!person) return { dropped: 'the registration has no e-mail address any more' };
	const loaded = await loadRegistrationEventCached(db, { id: row.event_id });
	const seats = (await listSeatsByRegistration(db, [row.id])).get(row.id) ?? [];
	const programme = mailProgramme(loaded, seats, { halfDays: JSON.parse(row.half_days) as string[], role: row.role });
	const links = { publicUrl, manageToken, checkinCode: row.checkin_code };
	return confirmationMail(mailEventInfo(loaded.event), person, programme, links, qrPng(checkinUrl(publicUrl, row.checkin_code)));
}

/** The renderers of this area's messages queued unwritten, for the outbox's renderer. */
export function registrationMailRenderers(publicUrl: string): MailRenderers {
	return {
		[CONFIRMATION_TEMPLATE]: (db, from) => renderConfirmation(db, publicUrl, String(from.registrationId), String(from.manageToken))
	};
}
