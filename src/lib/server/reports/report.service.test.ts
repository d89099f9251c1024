import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession } from '../../../../tests/factories/registrations.ts';
import { seedParticipants } from '../../../../tests/factories/reports.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import { saveSurvey } from '../surveys/survey.service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { findEventBySlug } from '../events/event.queries.ts';
import { NotFoundError } from '../validation.ts';
import { computeReport } from './report.data.ts';
import { getPublicReport, getReport, setReportPublished, updateReview } from './report.service.ts';

/** Counts the statements Kysely sends. */
function counting() {
	const state = { n: 0 };
	const plugin: KyselyPlugin = {
		transformQuery: (args) => {
			state.n += 1;
			return args.node;
		},
		transformResult: async (args) => args.result
	};
	return { state, plugin };
}

describe.each(DIALECTS)('report service (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

	it('test_computeReport_same_statement_count_for_30_and_3000_participants', async () => {
		const owner = await newUser(ctx.db);
		const small = await newPublishedEvent(ctx.db, owner);
		const big = await newPublishedEvent(ctx.db, owner);
		for (const ev of [small, big]) {
			await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
			await newSession(ctx.db, ev.id, { title: 'Atelier A' });
			await newSession(ctx.db, ev.id, {
				title: 'Plénière',
				format: 'plenary',
				requiresRegistration: false,
				startsAt: '2027-06-10T12:00:00.000Z',
				endsAt: '2027-06-10T13:00:00.000Z'
			});
		}
		await seedParticipants(ctx.db, small.id, 30, { checkedIn: 25 });
		await seedParticipants(ctx.db, big.id, 3000, { checkedIn: 2500 });
		const counts: number[] = [];
		for (const ev of [small, big]) {
			const c = counting();
			const row = (await findEventBySlug(ctx.db, ev.slug))!;
			const report = await computeReport(ctx.db.withPlugin(c.plugin), row);
			counts.push(c.state.n);
			if (ev === big) {
				expect(report.participation.registered).toBe(3000);
				expect(report.participation.attended).toBe(2500);
				expect(report.participation.structures).toBe(7);
				expect(report.participation.elus).toBe(500);
			}
		}
		expect(counts[0]).toBe(counts[1]);
		expect(counts[0]).toBeLessThan(30);
	});

	it('test_computeReport_empty_event_renders_without_NaN', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const { report } = await getReport(ctx, owner, ev.slug);
		const text = JSON.stringify(report);
		expect(text).not.toMatch(/NaN|undefined|Infinity/);
		expect(report.participation?.attended).toBe(0);
		expect(report.satisfaction).toBeNull();
		expect(report.budget?.lines).toBe(0);
		expect(report.event.halfDays).toBe(4);
		expect(report.event.duration).toBe('2 journées');
	});

	it('test_computeReport_definitions_halfDays_and_duration', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		// Sessions on three half-days: 10 am, 10 pm, 11 am.
		await newSession(ctx.db, ev.id, { startsAt: '2027-06-10T08:00:00.000Z', endsAt: '2027-06-10T09:00:00.000Z' });
		await newSession(ctx.db, ev.id, { startsAt: '2027-06-10T13:00:00.000Z', endsAt: '2027-06-10T14:00:00.000Z' });
		await newSession(ctx.db, ev.id, { startsAt: '2027-06-11T08:00:00.000Z', endsAt: '2027-06-11T09:00:00.000Z' });
		const { report } = await getReport(ctx, owner, ev.slug);
		expect(report.event.halfDays).toBe(3);
		expect(report.event.duration).toBe('1 journée et demie');
	});

	it('test_review_with_script_is_refused_and_nothing_stored', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		await updateReview(ctx, owner, ev.slug, { toImprove: [{ theme: 'logistique', text: 'Plus de chaises' }], toKeep: [] });
		expect(
			await issuesOf(updateReview(ctx, owner, ev.slug, { toImprove: [{ theme: 'logistique', text: '<script>alert(1)</script>' }] }))
		).toEqual(['toImprove.0.text:reports.errors.markup']);
		expect(await issuesOf(updateReview(ctx, owner, ev.slug, { toKeep: [{ theme: 'contenu', text: 'x'.repeat(1_000_000) }] }))).toEqual([
			'toKeep.0.text:errors.tooLong'
		]);
		expect(await issuesOf(updateReview(ctx, owner, ev.slug, { toKeep: [{ theme: 'contenu', text: '   ' }] }))).toEqual([
			'toKeep.0.text:errors.required'
		]);
		const { report } = await getReport(ctx, owner, ev.slug);
		expect(report.review.toImprove).toEqual([{ theme: 'logistique', text: 'Plus de chaises' }]);
	});

	it('test_public_report_404_until_published_and_then_readable_by_anyone', async () => {
		const owner = await newUser(ctx.db);
		const stranger = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		await expect(getPublicReport(ctx, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateReview(ctx, stranger, ev.slug, { toImprove: [] })).rejects.toBeInstanceOf(NotFoundError);
		await setReportPublished(ctx, owner, ev.slug, { published: true });
		const { report, role } = await getReport(ctx, stranger, ev.slug);
		expect(role).toBeNull();
		expect(report.published).toBe(true);
	});
});
