/**
 * The e-mails of registration: confirmation (with the person's programme, an .ics file and the
 * check-in QR code), promotion from a waiting list, cancellation, programme change, a new private
 * link, and the J−7 / J−1 reminders. Pure: callers queue what these return, in their transaction.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { icsText } from '../icalendar.ts';
import { renderMail } from '../mail/mail-layout.ts';
import type { NewMail, MailAttachment } from '../mail/outbox.service.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { formatRange as formatRangeUncached, formatTime } from '../../time.ts';

// Time-zone formatting is the dearest part of an e-mail; the same few ranges recur in every one.
const ranges = new Map<string, string>();
function formatRange(start: string, end: string, lang: Lang): string {
	const key = `${start}|${end}|${lang}`;
	let v = ranges.get(key);
	if (v === undefined) {
		if (ranges.size > 2000) ranges.clear();
		ranges.set(key, (v = formatRangeUncached(start, end, lang)));
	}
	return v;
}

export interface MailEventInfo {
	id: string;
	slug: string;
	title: string;
	startsAt: string;
	endsAt: string;
	place: string | null;
	onlineUrl: string | null;
}

export interface MailSeat {
	sessionId: string;
	title: string;
	startsAt: string;
	endsAt: string;
	room: string | null;
	status: 'confirmed' | 'waitlisted';
}

/**
 * One line of the person's programme: a workshop seat they hold or wait for, or (`open`) a
 * session that needs no seat (plenary, round table, break…) on a half-day they attend.
 */
export type MailProgrammeItem = Omit<MailSeat, 'status'> & { status: MailSeat['status'] | 'open' };

export interface MailPerson {
	registrationId: string;
	firstName: string;
	lastName: string;
	email: string;
	lang: Lang;
	status: 'confirmed' | 'waitlisted';
	newsletter: boolean;
	photos: boolean;
}

export interface MailLinks {
	publicUrl: string;
	/** The clear manage token, when the caller has it (right after creating or rotating it). */
	manageToken?: string | null;
	checkinCode: string;
}

const manageUrl = (links: MailLinks) => `${links.publicUrl}/inscription/${links.manageToken}`;
export const checkinUrl = (publicUrl: string, code: string) => `${publicUrl}/inscription/accueil/${code}`;

function inTimeOrder(items: MailProgrammeItem[]): MailProgrammeItem[] {
	return items
		.slice()
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt) || a.title.localeCompare(b.title));
}

function programmeLines(items: MailProgrammeItem[], lang: Lang): string[] {
	const t = translator(lang);
	return inTimeOrder(items).map((s) => {
		const params = { when: formatRange(s.startsAt, s.endsAt, lang), title: s.title, room: s.room ? ` (${s.room})` : '' };
		return s.status === 'open'
			? t('registration.mail.programmeLineOpen', params)
			: t('registration.mail.programmeLine', { ...params, status: t(`registration.mail.seat.${s.status}`) });
	});
}

/**
 * The person's calendar: the event, then their programme (the sessions open to all of their
 * half-days and the workshops where they hold a seat). While the person waits for a place at the
 * event, all of it is TENTATIVE; the promotion e-mail's calendar, with the same UIDs and a later
 * SEQUENCE, turns it CONFIRMED.
 */
export function buildIcs(
	event: MailEventInfo,
	items: MailProgrammeItem[],
	person: Pick<MailPerson, 'registrationId' | 'status'>,
	publicUrl: string
): string {
	const cal = ical({
		prodId: { company: 'maillage', product: 'maillage', language: 'FR' },
		name: event.title
	});
	const sequence = Math.floor(Date.now() / 1000);
	const url = `${publicUrl}/e/${event.slug}`;
	const status = person.status === 'waitlisted' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
	cal.createEvent({
		id: `${person.registrationId}-event@maillage`,
		sequence,
		start: new Date(event.startsAt),
		end: new Date(event.endsAt),
		summary: event.title,
		location: event.place ?? event.onlineUrl ?? undefined,
		url,
		status
	});
	for (const s of inTimeOrder(items)) {
		// A workshop the person waits for is left out rather than TENTATIVE: such a waiting list is
		// seldom served and no message says so when it is not, so a tentative entry would keep that
		// hour in their calendar for a room they will not enter. The promotion e-mail's calendar
		// brings the workshop if a seat comes.
		if (s.status === 'waitlisted') continue;
		cal.createEvent({
			id: `${person.registrationId}-${s.sessionId}@maillage`,
			sequence,
			start: new Date(s.startsAt),
			end: new Date(s.endsAt),
			summary: `${s.title} – ${event.title}`,
			location: [s.room, event.place].filter(Boolean).join(', ') || undefined,
			url,
			status
		});
	}
	return icsText(cal);
}

function attachments(
	event: MailEventInfo,
	items: MailProgrammeItem[],
	person: MailPerson,
	links: MailLinks,
	qr?: Buffer
): MailAttachment[] {
	const out: MailAttachment[] = [
		{
			filename: `${event.slug}.ics`,
			contentType: 'text/calendar; charset=utf-8',
			content: Buffer.from(buildIcs(event, items, person, links.publicUrl))
		}
	];
	if (qr) out.push({ filename: 'qr-code-accueil.png', contentType: 'image/png', content: qr });
	return out;
}

function common(event: MailEventInfo, lang: Lang) {
	const t = translator(lang);
	const where = event.place ?? (event.onlineUrl ? t('registration.mail.online', { url: event.onlineUrl }) : '');
	return [
		t('registration.mail.when', { when: formatRange(event.startsAt, event.endsAt, lang) }),
		...(where ? [t('registration.mail.where', { where })] : [])
	];
}

/** The person's programme in time order; without a workshop, a word on the sessions open to all first. */
function programmeParagraph(items: MailProgrammeItem[], lang: Lang): string[] {
	const t = translator(lang);
	const noWorkshop = items.every((s) => s.status === 'open') ? [t('registration.mail.noWorkshop')] : [];
	if (items.length === 0) return noWorkshop;
	return [...noWorkshop, `${t('registration.mail.programme')}\n${programmeLines(items, lang).join('\n')}`];
}

/** What the attached calendar holds: tentative while the person waits for a place. */
function icsParagraph(person: MailPerson): string {
	return translator(person.lang)(person.status === 'waitlisted' ? 'registration.mail.icsWaitlisted' : 'registration.mail.ics');
}

function footer(person: MailPerson): string {
	const t = translator(person.lang);
	return t('registration.mail.footer', {
		newsletter: t(person.newsletter ? 'registration.mail.yes' : 'registration.mail.no'),
		photos: t(person.photos ? 'registration.mail.yes' : 'registration.mail.no')
	});
}

function compose(
	kind: string,
	event: MailEventInfo,
	person: MailPerson,
	subject: string,
	content: Parameters<typeof renderMail>[0],
	att: MailAttachment[] = []
): NewMail {
	const { text, html } = renderMail({ ...content, lang: person.lang });
	return { kind, to: person.email, subject, text, html, eventId: event.id, attachments: att };
}

/**
 * Written by the outbox's renderer from the registration as it then is (registration-confirmation.ts);
 * queued, unwritten, in the registration's own transaction: nothing is acknowledged without it.
 */
export function confirmationMail(
	event: MailEventInfo,
	person: MailPerson,
	programme: MailProgrammeItem[],
	links: MailLinks,
	qr: Buffer
): NewMail {
	const t = translator(person.lang);
	const waiting = person.status === 'waitlisted';
	const subject = t(waiting ? 'registration.mail.confirm.subjectWaitlisted' : 'registration.mail.confirm.subject', { event: event.title });
	const paragraphs = [
		t('registration.mail.hello', { name: person.firstName }),
		t(waiting ? 'registration.mail.confirm.waitlisted' : 'registration.mail.confirm.confirmed', { event: event.title }),
		...common(event, person.lang),
		...programmeParagraph(programme, person.lang),
		// The QR code is for people expected at the desk: someone waiting gets it with their place.
		...(waiting ? [] : [t('registration.mail.qr', { code: links.checkinCode })]),
		icsParagraph(person),
		t('registration.mail.manage')
	];
	return compose(
		'registration-confirmed',
		event,
		person,
		subject,
		{
			title: subject,
			preheader: formatRange(event.startsAt, event.endsAt, person.lang),
			paragraphs,
			action: { label: t('registration.mail.manageButton'), url: manageUrl(links) },
			footer: footer(person)
		},
		attachments(event, programme, person, links, waiting ? undefined : qr)
	);
}

/** A seat (or the event itself) became free and is now the person's. */
export function promotionMail(
	event: MailEventInfo,
	person: MailPerson,
	programme: MailProgrammeItem[],
	promoted: string[],
	links: MailLinks,
	/** The check-in QR code, when the place at the event itself just became the person's. */
	qr?: Buffer
): NewMail {
	const t = translator(person.lang);
	const what = promoted.join(', ');
	const subject = t('registration.mail.promoted.subject', { what });
	const paragraphs = [
		t('registration.mail.hello', { name: person.firstName }),
		t('registration.mail.promoted.body', { what }),
		...common(event, person.lang),
		...programmeParagraph(programme, person.lang),
		...(qr ? [t('registration.mail.qr', { code: links.checkinCode })] : []),
		t('registration.mail.promoted.cancelIfNot')
	];
	return compose(
		'registration-promoted',
		event,
		person,
		subject,
		{
			title: subject,
			paragraphs,
			action: { label: t('registration.mail.eventButton'), url: `${links.publicUrl}/e/${event.slug}` },
			footer: footer(person)
		},
		attachments(event, programme, person, links, qr)
	);
}

export function cancellationMail(event: MailEventInfo, person: MailPerson, links: MailLinks): NewMail {
	const t = translator(person.lang);
	const subject = t('registration.mail.cancelled.subject', { event: event.title });
	return compose('registration-cancelled', event, person, subject, {
		title: subject,
		paragraphs: [t('registration.mail.hello', { name: person.firstName }), t('registration.mail.cancelled.body', { event: event.title })],
		action: { label: t('registration.mail.eventButton'), url: `${links.publicUrl}/e/${event.slug}` }
	});
}

export function programmeChangedMail(event: MailEventInfo, person: MailPerson, programme: MailProgrammeItem[], links: MailLinks): NewMail {
	const t = translator(person.lang);
	const subject = t('registration.mail.changed.subject', { event: event.title });
	return compose(
		'registration-changed',
		event,
		person,
		subject,
		{
			title: subject,
			paragraphs: [
				t('registration.mail.hello', { name: person.firstName }),
				t('registration.mail.changed.body'),
				...programmeParagraph(programme, person.lang),
				icsParagraph(person)
			],
			action: { label: t('registration.mail.eventButton'), url: `${links.publicUrl}/e/${event.slug}` },
			footer: footer(person)
		},
		attachments(event, programme, person, links)
	);
}

/** A new private link (the old one stops working), sent when someone registers again. */
export function newLinkMail(event: MailEventInfo, person: MailPerson, links: MailLinks): NewMail {
	const t = translator(person.lang);
	const subject = t('registration.mail.link.subject', { event: event.title });
	return compose('registration-link', event, person, subject, {
		title: subject,
		paragraphs: [
			t('registration.mail.hello', { name: person.firstName }),
			t('registration.mail.link.body', { event: event.title }),
			t('registration.mail.manage')
		],
		action: { label: t('registration.mail.manageButton'), url: manageUrl(links) },
		footer: t('registration.mail.link.notYou')
	});
}

export function reminderMail(
	kind: 'j7' | 'j1',
	event: MailEventInfo,
	person: MailPerson,
	programme: MailProgrammeItem[],
	links: MailLinks,
	organisersText: string
): NewMail {
	const t = translator(person.lang);
	const subject = t(`registration.mail.reminder.${kind}.subject`, { event: event.title });
	const paragraphs = [
		t('registration.mail.hello', { name: person.firstName }),
		t(`registration.mail.reminder.${kind}.body`, { event: event.title, time: formatTime(event.startsAt, person.lang) }),
		...(organisersText.trim() ? [organisersText.trim()] : []),
		...common(event, person.lang),
		...programmeParagraph(programme, person.lang),
		t('registration.mail.qr', { code: links.checkinCode }),
		t('registration.mail.reminder.cantCome')
	];
	return compose(`registration-reminder-${kind}`, event, person, subject, {
		title: subject,
		paragraphs,
		action: { label: t('registration.mail.manageButton'), url: manageUrl(links) },
		footer: footer(person)
	});
}

/**
 * A registration changed by its organisers or by the person: what changed, in words (`changes`:
 * keys of `registrationEdit.fields`), and the programme as it now is, with its calendar.
 */
export function detailsChangedMail(
	event: MailEventInfo,
	person: MailPerson,
	changes: string[],
	programme: MailProgrammeItem[],
	links: MailLinks
): NewMail {
	const t = translator(person.lang);
	const subject = t('registrationEdit.mail.subject', { event: event.title });
	const list = changes.map((c) => `- ${t(`registrationEdit.fields.${c}`)}`).join('\n');
	return compose(
		'registration-edited',
		event,
		person,
		subject,
		{
			title: subject,
			paragraphs: [
				t('registration.mail.hello', { name: person.firstName }),
				`${t('registrationEdit.mail.body')}\n${list}`,
				...programmeParagraph(programme, person.lang),
				t('registrationEdit.mail.notYou'),
				icsParagraph(person)
			],
			// Only the person's own edit has the clear token: an organiser's edit links to the event.
			action: links.manageToken
				? { label: t('registration.mail.manageButton'), url: manageUrl(links) }
				: { label: t('registration.mail.eventButton'), url: `${links.publicUrl}/e/${event.slug}` },
			footer: footer(person)
		},
		attachments(event, programme, person, links)
	);
}
