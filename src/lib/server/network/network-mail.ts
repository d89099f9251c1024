/**
 * E-mails of the network, queued in the outbox inside the caller's transaction. A participant's
 * link is a fresh private link (tokens are stored hashed, so a new one is made for each message,
 * as reminders do); a signed-in person's is the page itself.
 */
import type { DbOrTx } from '../db/index.ts';
import { translator, isLang, type Lang, type Translate } from '../../i18n/index.ts';
import { enqueueMail, type MailAttachment } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { hashToken, newManageToken } from '../registrations/registration.service.ts';
import { insertExtraToken } from '../registrations/registration.queries.ts';
import { findProfileAddress, findProfileById } from './network.queries.ts';

export interface NetworkMail {
	kind: string;
	subject: string;
	title: string;
	paragraphs: string[];
	actionLabel: string;
	attachments?: MailAttachment[];
}

/**
 * Queues a message to the person behind `profileId`, with a button to `path` of their network
 * pages (`''` for the directory, `/besoins`, `/rencontres`…). Nothing when they have no address.
 */
export async function mailProfile(
	db: DbOrTx,
	publicUrl: string,
	profileId: string,
	eventId: string | null,
	path: string,
	build: (t: Translate, lang: Lang) => NetworkMail
): Promise<boolean> {
	const [profile, address] = await Promise.all([findProfileById(db, profileId), findProfileAddress(db, profileId)]);
	if (!profile || !address?.email) return false;
	const lang: Lang = isLang(address.lang) ? address.lang : 'fr';
	let base = `${publicUrl}/reseau`;
	if (profile.registration_id) {
		const token = newManageToken();
		await insertExtraToken(db, profile.registration_id, hashToken(token), new Date().toISOString());
		base = `${publicUrl}/inscription/${token}/reseau`;
	}
	const m = build(translator(lang), lang);
	const rendered = renderMail({ lang, title: m.title, paragraphs: m.paragraphs, action: { label: m.actionLabel, url: `${base}${path}` } });
	await enqueueMail(db, { kind: m.kind, to: address.email, subject: m.subject, eventId, attachments: m.attachments, ...rendered });
	return true;
}
