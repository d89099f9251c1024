/**
 * The weekly digest of the working groups: each member gets, at most once per ISO week (Paris),
 * one e-mail per event telling what changed in their groups since their last digest (or the last
 * seven days): new notes and resources, a new next meeting, new members, a status change. What
 * they did themselves is left out; nothing is sent when nothing changed. A run records what it
 * sent (`working_group_digest`, unique per person and week), so running it twice — two timer
 * ticks, two processes — sends nothing twice. Each digest carries its own opt-out link (a random
 * token of which only the hash is kept, as campaigns do): opening it shows a page, a POST (its
 * button, or the mail client's one-click request) stops the digest. Members also stop or resume
 * it from their group's page. Signed-in members (account-member.service.ts) get it at their
 * account's address, with a link to the team's groups page. `maillage group-digests [--dry-run]`
 * runs it at once from the command line.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import type { PeriodicJob } from '../jobs.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { listUnsubscribeHeaders } from '../mail/list-unsubscribe.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { participantFromToken } from '../network/network-viewer.ts';
import { digestWindowOpen } from '../planning/digest.service.ts';
import { isoWeekOf } from '../planning/planning.rules.ts';
import { hashToken, newManageToken } from '../registrations/registration.service.ts';
import { insertExtraToken } from '../registrations/registration.queries.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { translator } from '../../i18n/index.ts';
import { formatRange } from '../../time.ts';
import { DEFAULT_MEETING_MINUTES } from './groups.service.ts';
import {
	claimGroupDigest,
	findDigestByOptOutHash,
	isDigestOptedOut,
	lastDigestAt,
	listDigestProfilesOfWeek,
	listDigestMemberships,
	listMembersSince,
	listNotesSince,
	setDigestOptOut,
	setGroupDigestMail
} from './digest.queries.ts';

const WEEK_MS = 7 * 86_400_000;
const t = translator('fr');

export interface GroupDigestRun {
	week: string;
	sent: number;
	/** People with changes who already got this week's digest. */
	alreadySent: number;
}

export function hashOptOutToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** The digest's opt-out link (GET shows a page with a button, POST stops the digest). */
export function groupDigestOptOutUrl(publicUrl: string, token: string): string {
	return `${publicUrl.replace(/\/$/, '')}/api/v1/working-groups/digest?token=${encodeURIComponent(token)}`;
}

interface GroupChanges {
	title: string;
	notes: string[];
	members: string[];
	meeting: string | null;
	status: string | null;
}

const later = (a: number, b: string | Date | null) => (b === null ? a : Math.max(a, Date.parse(toIso(b))));
const after = (at: string | Date | null, since: number) => at !== null && Date.parse(toIso(at)) > since;

function renderDigest(eventTitle: string, groups: GroupChanges[], linkUrl: string, optOutUrl: string) {
	const paragraphs = [t('groups.digest.lead', { event: eventTitle })];
	for (const g of groups) {
		const lines = [t('groups.digest.group', { title: g.title })];
		if (g.status) lines.push(g.status);
		if (g.meeting) lines.push(g.meeting);
		for (const n of g.notes) lines.push(t('groups.digest.note', { title: n }));
		if (g.members.length) lines.push(t('groups.digest.members', { names: g.members.join(', ') }));
		paragraphs.push(lines.join('\n'));
	}
	const mail = renderMail({
		lang: 'fr',
		preheader: groups.map((g) => g.title).join(' · '),
		title: t('groups.digest.title'),
		paragraphs,
		action: { label: t('groups.digest.open'), url: linkUrl },
		footer: t('groups.digest.footer', { url: optOutUrl })
	});
	return { subject: t('groups.digest.subject', { event: eventTitle }), ...mail };
}

/** Where the digest's button leads: a fresh private link to a participant's groups (tokens are stored hashed), or the team's groups page. */
async function groupsLink(
	tx: DbOrTx,
	base: string,
	person: { registrationId: string | null; eventSlug: string },
	at: string
): Promise<string> {
	if (!person.registrationId) return `${base}/organisateur/e/${person.eventSlug}/reseau/groupes`;
	const manage = newManageToken();
	await insertExtraToken(tx, person.registrationId, hashToken(manage), at);
	return `${base}/inscription/${manage}/reseau/groupes`;
}

// A participant's private link, or a signed-in member's groups page of the team.
interface Recipient {
	registrationId: string | null;
	email: string;
	eventId: string;
	eventSlug: string;
	eventTitle: string;
	groups: GroupChanges[];
}

/** Who has something new in their groups this week (by profile), whether or not this week's digest went already. */
async function collectGroupDigests(ctx: ServiceContext, now: Date): Promise<Map<string, Recipient>> {
	const weekAgo = now.getTime() - WEEK_MS;
	const sinceIso = new Date(weekAgo).toISOString();
	const [memberships, last] = await Promise.all([listDigestMemberships(ctx.db), lastDigestAt(ctx.db)]);
	const groupIds = [...new Set(memberships.map((m) => m.group_id))];
	const [notes, members] = await Promise.all([listNotesSince(ctx.db, groupIds, sinceIso), listMembersSince(ctx.db, groupIds, sinceIso)]);

	const people = new Map<string, Recipient>();
	for (const m of memberships) {
		const since = later(later(weekAgo, last.get(m.profile_id) ?? null), m.joined_at);
		const changes: GroupChanges = {
			title: m.title,
			notes: notes
				.filter((n) => n.group_id === m.group_id && n.author_profile_id !== m.profile_id && after(n.created_at, since))
				.map((n) => n.title),
			members: members
				.filter((x) => x.group_id === m.group_id && x.profile_id !== m.profile_id && after(x.joined_at, since))
				.map((x) => x.display_name),
			meeting:
				m.next_meeting_at && after(m.meeting_changed_at, since) && Date.parse(toIso(m.next_meeting_at)) > now.getTime()
					? t('groups.digest.meeting', {
							when: formatRange(
								toIso(m.next_meeting_at),
								new Date(Date.parse(toIso(m.next_meeting_at)) + (m.next_meeting_minutes ?? DEFAULT_MEETING_MINUTES) * 60_000).toISOString(),
								'fr'
							),
							place: m.next_meeting_place || '—'
						})
					: null,
			status: after(m.status_changed_at, since) ? t(`groups.digest.status.${m.status}`) : null
		};
		if (!changes.notes.length && !changes.members.length && !changes.meeting && !changes.status) continue;
		const person: Recipient = people.get(m.profile_id) ?? {
			registrationId: m.registration_id,
			email: m.email!,
			eventId: m.event_id,
			eventSlug: m.event_slug,
			eventTitle: m.event_title,
			groups: []
		};
		person.groups.push(changes);
		people.set(m.profile_id, person);
	}
	return people;
}

/**
 * Queues this week's digest for every member with something new in their groups, unless it was
 * already queued this ISO week or they stopped it. `now` decides the week and the changes.
 */
export async function sendGroupDigests(ctx: ServiceContext, now: Date = new Date()): Promise<GroupDigestRun> {
	const week = isoWeekOf(now);
	const people = await collectGroupDigests(ctx, now);
	const run: GroupDigestRun = { week, sent: 0, alreadySent: 0 };
	for (const [profileId, person] of people) {
		const sent = await withTx(ctx.db, async (tx) => {
			const id = crypto.randomUUID();
			const optOutToken = `mun_${randomBytes(18).toString('base64url')}`;
			const at = now.toISOString();
			if (
				!(await claimGroupDigest(tx, {
					id,
					profile_id: profileId,
					iso_week: week,
					opt_out_hash: hashOptOutToken(optOutToken),
					created_at: at
				}))
			)
				return false;
			const base = ctx.publicUrl.replace(/\/$/, '');
			const optOutUrl = groupDigestOptOutUrl(base, optOutToken);
			const mail = renderDigest(person.eventTitle, person.groups, await groupsLink(tx, base, person, at), optOutUrl);
			const { id: mailId } = await enqueueMail(
				tx,
				{ kind: 'group-digest', to: person.email, eventId: person.eventId, ...mail, headers: listUnsubscribeHeaders(optOutUrl) },
				{ now }
			);
			await setGroupDigestMail(tx, id, mailId);
			return true;
		});
		if (sent) run.sent++;
		else run.alreadySent++;
	}
	return run;
}

/** The digest as one of the instance's periodic jobs: every hour, from Monday 7 a.m. (Paris) on. */
export function weeklyGroupDigestsJob(ctx: ServiceContext, options: { everyMs?: number; onSent?: () => void } = {}): PeriodicJob {
	return {
		name: 'weekly-group-digests',
		everyMs: options.everyMs ?? 60 * 60_000,
		async run(now: Date) {
			if (!digestWindowOpen(now)) return null;
			const run = await sendGroupDigests(ctx, now);
			if (run.sent > 0) options.onSent?.();
			return run;
		}
	};
}

/**
 * For the `maillage group-digests` command: sends this week's digest now, as the job does (what
 * went already this week does not go twice), and prints one line. With `dryRun`, sends and
 * records nothing: prints one line per digest that would go (address, event, groups), then the count.
 */
export async function runGroupDigestsCommand(
	ctx: ServiceContext,
	options: { dryRun?: boolean } = {},
	now: Date = new Date(),
	print: (line: string) => void = console.log
): Promise<GroupDigestRun> {
	const week = isoWeekOf(now);
	if (!options.dryRun) {
		const run = await sendGroupDigests(ctx, now);
		print(`Semaine ${week} : ${run.sent} résumé(s) des groupes de travail mis en file, ${run.alreadySent} déjà envoyé(s).`);
		return run;
	}
	const [people, sentThisWeek] = await Promise.all([collectGroupDigests(ctx, now), listDigestProfilesOfWeek(ctx.db, week)]);
	const run: GroupDigestRun = { week, sent: 0, alreadySent: 0 };
	for (const [profileId, person] of people) {
		if (sentThisWeek.has(profileId)) {
			run.alreadySent++;
			continue;
		}
		run.sent++;
		print(`${person.email} · ${person.eventTitle} · ${person.groups.map((g) => g.title).join(', ')}`);
	}
	print(`Semaine ${week} (essai, rien n’est envoyé) : ${run.sent} résumé(s) partirai(en)t, ${run.alreadySent} déjà envoyé(s).`);
	return run;
}

// ——— Opting out ———

/** Who the digest's opt-out link is for (address, event); NotFoundError for an unknown token. */
export async function findGroupDigestOptOut(db: DbOrTx, token: string): Promise<{ email: string; eventTitle: string }> {
	const row = token ? await findDigestByOptOutHash(db, hashOptOutToken(token)) : undefined;
	if (!row) throw new NotFoundError('digest');
	return { email: row.email ?? '', eventTitle: row.title };
}

/** Stops the digest of the link's person, no sign-in needed; doing it twice changes nothing. */
export async function optOutOfGroupDigestByToken(db: DbOrTx, token: string, now: Date = new Date()) {
	const row = token ? await findDigestByOptOutHash(db, hashOptOutToken(token)) : undefined;
	if (!row) throw new NotFoundError('digest');
	await setDigestOptOut(db, row.profile_id, true, now.toISOString());
	return { email: row.email ?? '', eventTitle: row.title };
}

async function profileOf(db: DbOrTx, token: string) {
	const viewer = await participantFromToken(db, token);
	if (!viewer.profile) throw new ForbiddenError('not-opted-in');
	return viewer.profile;
}

/** Whether the participant behind the private link receives the weekly digest. */
export async function getGroupDigestPreference(ctx: ServiceContext, token: string): Promise<boolean> {
	return !(await isDigestOptedOut(ctx.db, (await profileOf(ctx.db, token)).id));
}

/** The participant stops or resumes the weekly digest from their group's page. */
export async function setGroupDigestPreference(
	ctx: ServiceContext,
	token: string,
	receive: boolean,
	now: Date = new Date()
): Promise<void> {
	await setDigestOptOut(ctx.db, (await profileOf(ctx.db, token)).id, !receive, now.toISOString());
}
