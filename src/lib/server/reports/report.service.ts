/**
 * The report (« bilan ») of an event: read by its team at any time, by anyone once published;
 * the organisers' review, choices and publication. Written from the data at every read.
 */
import { queueReportCampaigns } from '../campaigns/campaign.service.ts';
import type { DbOrTx } from '../db/index.ts';
import { nowIso } from '../db/time.ts';
import { assertEventPermission, getEventRole, roleAllows, type Actor, type EventRole } from '../auth/permissions.ts';
import { findEventBySlug, type EventRow } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import type { Lang } from '../../i18n/index.ts';
import { computeReport, publicReport, toChoices } from './report.data.ts';
import { findReportRow, upsertReportRow } from './report.queries.ts';
import {
	parseReportInput,
	reportPublishSchema,
	reportSettingsInputSchema,
	reviewInputSchema,
	type PublicReportView,
	type ReportView
} from './report.schema.ts';
import { loadFreeTextAnswers } from './satisfaction.ts';

export interface ReadReport {
	/** The team's full report, or the public one (hidden sections null). */
	report: PublicReportView;
	event: EventRow;
	/** The reader's role, or null for a visitor reading the published report. */
	role: EventRole | 'admin' | null;
	showPerSession: boolean;
}

async function eventOr404(db: DbOrTx, slug: string): Promise<EventRow> {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	return event;
}

/**
 * The report: the team's full version, or for anyone else the public version once published
 * (NotFoundError before). Neither holds a participant's name or address.
 */
export async function getReport(ctx: ServiceContext, actor: Actor, slug: string, lang: Lang = 'fr'): Promise<ReadReport> {
	const event = await eventOr404(ctx.db, slug);
	const role = await getEventRole(ctx.db, event.id, actor);
	if (roleAllows(role, 'view')) {
		const report = await computeReport(ctx.db, event, lang);
		const choices = toChoices(await findReportRow(ctx.db, event.id));
		return { report, event, role, showPerSession: choices.showPerSession };
	}
	return getPublicReport(ctx, slug, lang);
}

/** The published report as a visitor sees it (NotFoundError when not published), whoever asks. */
export async function getPublicReport(ctx: ServiceContext, slug: string, lang: Lang = 'fr'): Promise<ReadReport> {
	const event = await eventOr404(ctx.db, slug);
	const choices = toChoices(await findReportRow(ctx.db, event.id));
	if (!choices.published || event.status === 'draft') throw new NotFoundError('report');
	const report = publicReport(await computeReport(ctx.db, event, lang), choices.showPerSession);
	return { report, event, role: null, showPerSession: choices.showPerSession };
}

/**
 * Writes the report row at the version the caller loaded (`version`, 0 before the row existed), or
 * at the one read here: StaleVersionError and nothing written when it changed in between.
 */
async function writeReport(db: DbOrTx, eventId: string, values: Parameters<typeof upsertReportRow>[2], version?: ExpectedVersion) {
	await withTx(db, async (tx) => {
		const row = await findReportRow(tx, eventId);
		const versions = versionsToWrite(version, row ? Number(row.version) : 0);
		if (!(await upsertReportRow(tx, eventId, values, versions))) {
			const now = await findReportRow(tx, eventId);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
	});
}

/**
 * Replaces the organisers' review (« à améliorer », « à conserver »); nothing stored when invalid.
 * With `version` (form, If-Match): StaleVersionError when the report changed since it was loaded.
 */
export async function updateReview(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<ReportView['review']> {
	const event = await eventOr404(ctx.db, slug);
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const data = parseReportInput(reviewInputSchema, input);
	await writeReport(ctx.db, event.id, { review: JSON.stringify(data), updated_at: nowIso() }, version);
	return data;
}

/**
 * Replaces the organisers' choices: sections shown, their own texts, verbatims, per-session figures.
 * With `version` (the form's hidden field): StaleVersionError when the report changed since.
 */
export async function updateReportSettings(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<void> {
	const event = await eventOr404(ctx.db, slug);
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const data = parseReportInput(reportSettingsInputSchema, input);
	await writeReport(
		ctx.db,
		event.id,
		{
			hidden_sections: JSON.stringify(data.hiddenSections),
			texts: JSON.stringify(Object.fromEntries(Object.entries(data.texts).filter(([, v]) => v))),
			show_per_session: data.showPerSession ? 1 : 0,
			verbatims: JSON.stringify(data.verbatims),
			updated_at: nowIso()
		},
		version
	);
}

/** The report row's version for `ETag` (0 before it exists); permission `view`. */
export async function getReportVersion(ctx: ServiceContext, actor: Actor, slug: string): Promise<number> {
	const event = await eventOr404(ctx.db, slug);
	await assertEventPermission(ctx.db, event.id, actor, 'view');
	return toChoices(await findReportRow(ctx.db, event.id)).version;
}

/** Publishes the report at /e/{slug}/bilan (and queues the campaigns scheduled for that moment), or withdraws it. */
export async function setReportPublished(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<{ published: boolean }> {
	const event = await eventOr404(ctx.db, slug);
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const { published } = parseReportInput(reportPublishSchema, input);
	const now = nowIso();
	await upsertReportRow(ctx.db, event.id, { published: published ? 1 : 0, published_at: published ? now : null, updated_at: now });
	// The thank-you campaign with the report's link goes when the report is published.
	if (published) await queueReportCampaigns(ctx.db, event.id);
	return { published };
}

/** The organisers' editing page: the report, their choices, and the free-text answers to pick verbatims from. */
export async function getReportEditor(ctx: ServiceContext, actor: Actor, slug: string, lang: Lang = 'fr') {
	const event = await eventOr404(ctx.db, slug);
	const role = await assertEventPermission(ctx.db, event.id, actor, 'view');
	const [report, row, answers] = await Promise.all([
		computeReport(ctx.db, event, lang),
		findReportRow(ctx.db, event.id),
		loadFreeTextAnswers(ctx.db, event.id)
	]);
	return { event, role, report, choices: toChoices(row), answers };
}
