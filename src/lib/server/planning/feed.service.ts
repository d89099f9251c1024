/**
 * The tasks as an iCalendar feed (.ics), for organisers' calendars. Calendar apps cannot sign
 * in, so each team member gets a private address with a random token of their own; the token
 * acts for them, and stops working as soon as they lose their role in the event or reset it.
 */
import { randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import { icsText } from '../icalendar.ts';
import { nowIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { translator } from '../../i18n/index.ts';
import { NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { eventForPreparation } from './event-access.ts';
import { addDays } from './planning.rules.ts';
import { listTaskViews, type TaskView } from './task.service.ts';
import { findFeed, findFeedByToken, replaceFeed } from './digest.queries.ts';

const t = translator('fr');

function feedUrl(ctx: ServiceContext, slug: string, token: string, mine = false): string {
	return `${ctx.publicUrl.replace(/\/$/, '')}/api/v1/events/${encodeURIComponent(slug)}/tasks.ics?token=${encodeURIComponent(token)}${mine ? '&mine=1' : ''}`;
}

/** The member's private feed addresses (all tasks, theirs only), or null before they ask for one. */
export async function getTaskFeed(ctx: ServiceContext, actor: Actor, slug: string): Promise<{ all: string; mine: string } | null> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const row = await findFeed(ctx.db, event.id, actor!.id);
	return row ? { all: feedUrl(ctx, slug, row.token), mine: feedUrl(ctx, slug, row.token, true) } : null;
}

/** Creates the member's feed address, or replaces it (the old one stops working at once). */
export async function resetTaskFeed(ctx: ServiceContext, actor: Actor, slug: string): Promise<{ all: string; mine: string }> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'view');
		const token = randomBytes(24).toString('base64url');
		await replaceFeed(tx, { event_id: event.id, user_id: actor!.id, token, created_at: nowIso() });
		return { all: feedUrl(ctx, slug, token), mine: feedUrl(ctx, slug, token, true) };
	});
}

function summary(task: TaskView): string {
	const mark = task.status === 'done' ? '✓ ' : task.kind === 'milestone' ? '◆ ' : '';
	return `${mark}${task.offsetLabel ? `${task.offsetLabel} · ` : ''}${task.title}`;
}

function description(task: TaskView): string {
	return [
		`${t('planning.form.phase')} : ${t(`planning.phase.${task.phase}`)}`,
		`${t('planning.form.status')} : ${t(`planning.status.${task.status}`)}`,
		`${t('planning.form.owner')} : ${task.owner?.name ?? t('planning.form.ownerNone')}`,
		task.notes
	]
		.filter(Boolean)
		.join('\n');
}

/**
 * The .ics of an event's tasks, one all-day event each, for whoever the token (or the signed-in
 * actor, for a download from the app) belongs to. `mine` keeps only the tasks the person owns.
 * NotFoundError for an unknown token, another event's token, or someone without a role.
 */
export async function renderTaskFeed(
	ctx: ServiceContext,
	slug: string,
	auth: { token: string } | { actor: Actor },
	options: { mine?: boolean; now?: Date } = {}
): Promise<string> {
	let actor: Actor;
	let tokenEventId: string | null = null;
	if ('token' in auth) {
		const row = auth.token ? await findFeedByToken(ctx.db, auth.token) : undefined;
		const user = row
			? await ctx.db.selectFrom('user').select(['id', 'is_admin']).where('id', '=', row.user_id).executeTakeFirst()
			: undefined;
		if (!row || !user) throw new NotFoundError('feed');
		actor = { id: user.id, isAdmin: Number(user.is_admin) === 1 };
		tokenEventId = row.event_id;
	} else actor = auth.actor;
	// The token's owner must still have a role in this very event.
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	if (tokenEventId !== null && event.id !== tokenEventId) throw new NotFoundError('feed');
	let tasks = await listTaskViews(ctx.db, event, options.now ?? new Date());
	if (options.mine) tasks = tasks.filter((x) => x.owner?.type === 'member' && x.owner.id === actor!.id);
	const calendar = ical({
		name: `${t('planning.title')} – ${event.title}`,
		prodId: { company: 'Maillage', product: 'retroplanning', language: 'FR' },
		ttl: 60 * 60
	});
	const page = `${ctx.publicUrl.replace(/\/$/, '')}/organisateur/e/${event.slug}/retroplanning`;
	for (const task of tasks) {
		calendar.createEvent({
			id: `${task.id}@maillage`,
			start: new Date(`${task.dueDate}T00:00:00Z`),
			end: new Date(`${addDays(task.dueDate, 1)}T00:00:00Z`),
			allDay: true,
			stamp: options.now ?? new Date(),
			summary: summary(task),
			description: description(task),
			url: `${page}/${task.id}`,
			status: task.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return icsText(calendar);
}
