/**
 * The weekly e-mail to each owner with their tasks: late ones and those due in the next seven
 * days, one message per event and address, through the outbox. A run records what it sent
 * (`planning_digest`, unique per event, address and ISO week), so running it again in the same
 * week — a second timer tick, a second process, the CLI — sends nothing twice. Owners opt out
 * per event, from the retro-planning page or from the e-mail's link (no account needed).
 */
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { listUnsubscribeHeaders } from '../mail/list-unsubscribe.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { translator } from '../../i18n/index.ts';
import { formatDay } from '../../time.ts';
import { NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import type { PeriodicJob } from '../jobs.ts';
import { eventForPreparation } from './event-access.ts';
import { addDays, daysBetween, dueDateOf, firstDayOf, formatOffset, isoWeekOf, todayIn } from './planning.rules.ts';
import {
	claimDigest,
	findDigestRecipient,
	findDigestRecipientByToken,
	insertDigestRecipient,
	listOpenOwnedTasks,
	listOptedOut,
	setDigestMail,
	setRecipientOptOut
} from './digest.queries.ts';

/** Tasks due up to this many days ahead go into the e-mail, with every late one. */
export const DIGEST_HORIZON_DAYS = 7;
/** Events whose first day is further back than this get no more e-mails (the template ends at J+90). */
export const DIGEST_AFTER_EVENT_DAYS = 180;

export interface DigestRun {
	/** ISO week in Paris, e.g. 2027-W05. */
	week: string;
	sent: number;
	/** Already sent this week. */
	alreadySent: number;
	optedOut: number;
}

interface DigestTask {
	title: string;
	dueDate: string;
	offsetDays: number | null;
}

const t = translator('fr');

function newToken(): string {
	return randomBytes(24).toString('base64url');
}

/** The link in each e-mail that lets its recipient stop (or resume) the weekly e-mail. */
export function digestOptOutUrl(publicUrl: string, slug: string, token: string): string {
	return `${publicUrl.replace(/\/$/, '')}/api/v1/events/${encodeURIComponent(slug)}/tasks/digest?token=${encodeURIComponent(token)}`;
}

/** The address's token for this event's e-mails, created the first time it is needed. */
async function recipientToken(db: DbOrTx, eventId: string, address: string): Promise<string> {
	await insertDigestRecipient(db, { event_id: eventId, address, token: newToken(), opted_out: 0, updated_at: nowIso() });
	return (await findDigestRecipient(db, eventId, address))!.token;
}

function renderDigest(event: { slug: string; title: string }, tasks: DigestTask[], today: string, publicUrl: string, optOutUrl: string) {
	const line = (x: DigestTask) =>
		t('planning.digest.line', {
			date: formatDay(`${x.dueDate}T12:00:00Z`, 'fr'),
			offset: x.offsetDays === null ? t('planning.fixedDate').toLowerCase() : formatOffset(x.offsetDays),
			title: x.title
		});
	const late = tasks.filter((x) => x.dueDate < today);
	const next = tasks.filter((x) => x.dueDate >= today);
	const paragraphs = [t('planning.digest.hello'), t('planning.digest.lead')];
	if (late.length) paragraphs.push([t('planning.digest.lateSection'), ...late.map(line)].join('\n'));
	if (next.length) paragraphs.push([t('planning.digest.nextSection'), ...next.map(line)].join('\n'));
	const mail = renderMail({
		lang: 'fr',
		preheader: tasks
			.slice(0, 3)
			.map((x) => x.title)
			.join(' · '),
		title: t('planning.digest.mailTitle', { event: event.title }),
		paragraphs,
		action: { label: t('planning.digest.open'), url: `${publicUrl.replace(/\/$/, '')}/organisateur/e/${event.slug}/retroplanning` },
		footer: t('planning.digest.footer', { event: event.title, url: optOutUrl })
	});
	return { subject: t('planning.digest.subject', { event: event.title }), ...mail };
}

/**
 * Queues this week's e-mail for every owner (team member or committee member with an address)
 * who has open tasks late or due within 7 days, unless it was already queued this ISO week or
 * they opted out. Idempotent per event, owner address and ISO week; safe to run from a timer,
 * the CLI, or two processes at once. `now` decides the week and which tasks are due.
 */
export async function sendWeeklyTaskDigests(ctx: ServiceContext, now: Date = new Date()): Promise<DigestRun> {
	const week = isoWeekOf(now);
	const today = todayIn(now);
	const horizon = addDays(today, DIGEST_HORIZON_DAYS);
	const [rows, optedOut] = await Promise.all([listOpenOwnedTasks(ctx.db), listOptedOut(ctx.db)]);
	const groups = new Map<string, { event: { id: string; slug: string; title: string }; address: string; tasks: DigestTask[] }>();
	for (const r of rows) {
		const address = (r.user_email ?? r.committee_email ?? '').trim().toLowerCase();
		if (!address) continue;
		const firstDay = firstDayOf(toIso(r.event_starts_at));
		if (daysBetween(firstDay, today) > DIGEST_AFTER_EVENT_DAYS) continue;
		const dueDate = dueDateOf(r, firstDay);
		if (dueDate > horizon) continue;
		const key = `${r.event_id} ${address}`;
		const group = groups.get(key) ?? { event: { id: r.event_id, slug: r.event_slug, title: r.event_title }, address, tasks: [] };
		group.tasks.push({ title: r.title, dueDate, offsetDays: r.offset_days });
		groups.set(key, group);
	}
	const run: DigestRun = { week, sent: 0, alreadySent: 0, optedOut: 0 };
	for (const [key, group] of groups) {
		if (optedOut.has(key)) {
			run.optedOut++;
			continue;
		}
		const tasks = group.tasks.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title));
		const sent = await withTx(ctx.db, async (tx) => {
			const id = crypto.randomUUID();
			if (
				!(await claimDigest(tx, {
					id,
					event_id: group.event.id,
					address: group.address,
					iso_week: week,
					task_count: tasks.length,
					created_at: nowIso()
				}))
			)
				return false;
			const token = await recipientToken(tx, group.event.id, group.address);
			const optOutUrl = digestOptOutUrl(ctx.publicUrl, group.event.slug, token);
			const mail = renderDigest(group.event, tasks, today, ctx.publicUrl, optOutUrl);
			const { id: mailId } = await enqueueMail(
				tx,
				{ kind: 'task-digest', to: group.address, eventId: group.event.id, ...mail, headers: listUnsubscribeHeaders(optOutUrl) },
				{ now }
			);
			await setDigestMail(tx, id, mailId);
			return true;
		});
		if (sent) run.sent++;
		else run.alreadySent++;
	}
	return run;
}

/** Mondays before 7 a.m. (Paris) wait: the week's e-mail arrives in the morning, not at midnight. */
export function digestWindowOpen(now: Date): boolean {
	const parisHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(now));
	const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(now);
	return !(weekday === 'Mon' && parisHour < 7);
}

/**
 * The weekly e-mails as one of the instance's periodic jobs (`startPeriodicJobs` in `jobs.ts`):
 * every hour it sends the week's e-mails if not done yet, from Monday 7 a.m. (Paris) on.
 * `onSent` lets the caller wake the mail worker.
 */
export function weeklyTaskDigestsJob(
	ctx: ServiceContext,
	options: { everyMs?: number; onSent?: (run: DigestRun) => void } = {}
): PeriodicJob {
	return {
		name: 'weekly-task-digests',
		everyMs: options.everyMs ?? 60 * 60_000,
		async run(now: Date) {
			if (!digestWindowOpen(now)) return null;
			const run = await sendWeeklyTaskDigests(ctx, now);
			if (run.sent > 0) options.onSent?.(run);
			return run;
		}
	};
}

/** For the `maillage digests` command: runs once now and prints one line; returns the run. */
export async function runDigestsCommand(
	ctx: ServiceContext,
	now: Date = new Date(),
	print: (line: string) => void = console.log
): Promise<DigestRun> {
	const run = await sendWeeklyTaskDigests(ctx, now);
	print(`Semaine ${run.week} : ${run.sent} e-mail(s) mis en file, ${run.alreadySent} déjà envoyé(s), ${run.optedOut} désabonnement(s).`);
	return run;
}

// ——— Preferences ———

/** Whether the signed-in member receives this event's weekly e-mail (by their account's address). */
export async function getDigestPreference(
	ctx: ServiceContext,
	actor: Actor,
	slug: string
): Promise<{ address: string; receives: boolean }> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const user = await ctx.db.selectFrom('user').select('email').where('id', '=', actor!.id).executeTakeFirstOrThrow();
	const address = user.email.trim().toLowerCase();
	const row = await findDigestRecipient(ctx.db, event.id, address);
	return { address, receives: !row || Number(row.opted_out) === 0 };
}

/** Turns the signed-in member's weekly e-mail for this event on or off. */
export async function setDigestPreference(ctx: ServiceContext, actor: Actor, slug: string, receive: boolean): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'view');
		const user = await tx.selectFrom('user').select('email').where('id', '=', actor!.id).executeTakeFirstOrThrow();
		const address = user.email.trim().toLowerCase();
		await recipientToken(tx, event.id, address);
		await setRecipientOptOut(tx, event.id, address, !receive, nowIso());
	});
}

/** What the e-mail's link names: the event and the address. NotFoundError for a wrong token or event. */
export async function findDigestSubscription(db: DbOrTx, slug: string, token: string) {
	const row = token ? await findDigestRecipientByToken(db, token) : undefined;
	if (!row || row.slug !== slug) throw new NotFoundError('digest');
	return { eventTitle: row.title, address: row.address, receives: Number(row.opted_out) === 0 };
}

/** Opts the link's address out of (or back into) the event's weekly e-mail; no account needed. */
export async function setDigestSubscriptionByToken(db: DbOrTx, slug: string, token: string, receive: boolean) {
	return withTx(db, async (tx) => {
		const row = token ? await findDigestRecipientByToken(tx, token) : undefined;
		if (!row || row.slug !== slug) throw new NotFoundError('digest');
		await setRecipientOptOut(tx, row.event_id, row.address, !receive, nowIso());
		return { eventTitle: row.title, address: row.address, receives: receive };
	});
}
