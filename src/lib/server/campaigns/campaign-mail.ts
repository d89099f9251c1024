/**
 * Writing a campaign's messages. Each is queued unwritten (`preparing`, see queueCampaign) and
 * written by the outbox's renderer (`campaign` template): the person's values go into the
 * placeholders, a registered person gets a fresh private link (a further `registration_token`,
 * as reminders do: the clear token exists only in the message), and every message carries the
 * RFC 8058 one-click unsubscribe headers and a visible unsubscribe link. No tracking pixel and no
 * link rewriting: the links are the addresses themselves.
 */
import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { listUnsubscribeHeaders } from '../mail/list-unsubscribe.ts';
import type { MailRenderers } from '../mail/mail-renderer.ts';
import type { NewMail, RenderFrom } from '../mail/outbox.service.ts';
import { insertExtraToken } from '../registrations/registration.queries.ts';
import { hashToken, newManageToken } from '../registrations/registration.service.ts';
import { secureRandomBytes } from '../random.ts';
import { selectSuppressedEmails } from '../contacts/contact.queries.ts';
import { formatRange } from '../../time.ts';
import { fillPlaceholders, needsRegistration, type Placeholder } from './placeholders.ts';
import { findRecipientForRender } from './campaign.queries.ts';

export const CAMPAIGN_TEMPLATE = 'campaign';

/** A fresh token for a message's unsubscribe link (`mun_…`); only its SHA-256 is stored. */
export function newUnsubscribeToken(): string {
	return `mun_${secureRandomBytes(18).toString('base64url')}`;
}

export function hashUnsubscribeToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** The one-click unsubscribe address (GET shows a page with a button, POST unsubscribes). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
	return `${publicUrl.replace(/\/$/, '')}/api/v1/unsubscribe?token=${encodeURIComponent(token)}`;
}

export interface EventForMail {
	slug: string;
	title: string;
	starts_at: string | Date;
	ends_at: string | Date;
	venue_name: string | null;
	venue_commune: string | null;
	format: string;
}

/** The values of the placeholders for one person; `links` are the registration's, when there is one. */
export function placeholderValues(
	publicUrl: string,
	event: EventForMail,
	person: { first_name: string; last_name: string },
	links: { manage: string; survey: string }
): Record<Placeholder, string> {
	const base = publicUrl.replace(/\/$/, '');
	const place =
		event.format === 'online' ? 'en ligne' : [event.venue_name, event.venue_commune].filter(Boolean).join(', ') || 'lieu à préciser';
	return {
		prenom: person.first_name || 'Madame, Monsieur',
		nom: person.last_name,
		evenement: event.title,
		dates: formatRange(toIso(event.starts_at), toIso(event.ends_at), 'fr'),
		lieu: place,
		lien_inscription: `${base}/e/${event.slug}/inscription`,
		lien_personnel: links.manage,
		lien_questionnaire: links.survey,
		lien_bilan: `${base}/e/${event.slug}/bilan`
	};
}

/** A campaign message: the subject and text with their values, the unsubscribe link and headers. */
export function campaignMessage(
	campaign: { subject: string; body: string },
	values: Record<Placeholder, string>,
	unsubscribe: string | null
): Pick<NewMail, 'subject' | 'text' | 'html' | 'headers'> {
	const subject = fillPlaceholders(campaign.subject, values).replace(/\s+/g, ' ').trim();
	const body = fillPlaceholders(campaign.body, values).replace(/\r\n?/g, '\n');
	const paragraphs = body
		.split(/\n{2,}/)
		.map((p) => p.trim())
		.filter(Boolean);
	const { text, html } = renderMail({
		title: subject,
		paragraphs,
		linkify: true,
		footer: `Vous recevez ce message de l’équipe de ${values.evenement}.`,
		footerLink: unsubscribe ? { label: 'Se désabonner en un clic', url: unsubscribe } : undefined
	});
	return { subject, text, html, headers: unsubscribe ? listUnsubscribeHeaders(unsubscribe) : undefined };
}

/** What `render_from` holds for a campaign message. */
export interface CampaignRenderFrom extends RenderFrom {
	template: typeof CAMPAIGN_TEMPLATE;
	recipientId: string;
	/** The clear unsubscribe token, kept here only until the message is written. */
	unsubscribeToken: string;
}

/**
 * The addresses unsubscribed from an event's organiser, read at most once a second per event while
 * a campaign's messages are written (thousands in a row; one query each cost a fifth of the time).
 */
const suppressedCache = new Map<string, { at: number; emails: Set<string> }>();
async function suppressedFor(db: DbOrTx, eventId: string): Promise<Set<string>> {
	const hit = suppressedCache.get(eventId);
	if (hit && performance.now() - hit.at < 1000) return hit.emails;
	const emails = await selectSuppressedEmails(db, eventId);
	if (suppressedCache.size > 100) suppressedCache.clear();
	suppressedCache.set(eventId, { at: performance.now(), emails });
	return emails;
}

/** Writes one campaign message; dropped when the recipient is gone or unsubscribed meanwhile. */
export async function renderCampaignMail(db: DbOrTx, publicUrl: string, from: CampaignRenderFrom): Promise<NewMail | { dropped: string }> {
	const r = await findRecipientForRender(db, from.recipientId);
	if (!r) return { dropped: 'the campaign or its recipient is gone' };
	if ((await suppressedFor(db, r.event_id)).has(r.email)) return { dropped: 'unsubscribed' };
	const base = publicUrl.replace(/\/$/, '');
	let links = { manage: `${base}/e/${r.slug}`, survey: `${base}/e/${r.slug}` };
	if (r.registration_id && needsRegistration(r.subject, r.body)) {
		const token = newManageToken();
		await insertExtraToken(db, r.registration_id, hashToken(token), new Date().toISOString());
		links = { manage: `${base}/inscription/${token}`, survey: `${base}/inscription/${token}/questionnaire` };
	}
	const values = placeholderValues(publicUrl, r, r, links);
	return {
		kind: 'campaign',
		to: r.email,
		eventId: r.event_id,
		...campaignMessage(r, values, unsubscribeUrl(publicUrl, from.unsubscribeToken))
	};
}

/** The outbox renderers of this area, to be merged with the others in the app. */
export function campaignMailRenderers(publicUrl: string): MailRenderers {
	return {
		[CAMPAIGN_TEMPLATE]: (db: Db, renderFrom: RenderFrom) => renderCampaignMail(db, publicUrl, renderFrom as CampaignRenderFrom)
	};
}
