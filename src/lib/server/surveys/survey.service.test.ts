import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { addTeamMemberRow, checkInRow, openSurveyInput } from '../../../../tests/factories/surveys.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { cancelRegistration } from '../registrations/registration-manage.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { createSurveyFromTemplate, getSurvey, saveSurvey } from './survey.service.ts';
import { getSurveyForm, saveSurveyDraft, submitSurveyResponse, surveyLinkFor } from './survey-response.service.ts';
import { computeSurveyResults, getSurveyResults } from './survey-results.service.ts';

const NOW = new Date('2027-06-15T10:00:00Z');

describe.each(DIALECTS)('satisfaction survey on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(() => t.close());

	async function eventWithSurvey(input: Record<string, unknown> = {}) {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput(input));
		const person = async (overrides: Record<string, unknown> = {}) => {
			const r = await registerParticipant(ctx, null, ev.slug, registrationInput(overrides));
			return { id: r.id, token: r.manageToken! };
		};
		const q = (label: string) => survey.questions.find((x) => x.label === label)!.id;
		return { owner, ev, survey, person, q };
	}

	it('test_template_creates_the_nec_questions_once', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await createSurveyFromTemplate(ctx, owner, ev.slug);
		expect(survey.anonymous).toBe(true);
		expect(survey.questions.map((q) => [q.type, q.perSession])).toEqual([
			['scale5', false],
			['scale5', false],
			['scale5', false],
			['scale5', false],
			['yesno', false],
			['text', false],
			['text', false],
			['scale5', true],
			['text', true]
		]);
		expect(survey.questions.some((q) => /échanges informels/.test(q.label))).toBe(true);
		expect([survey.opensAt, survey.closesAt]).toEqual(['2027-06-11T15:00:00.000Z', '2027-07-09T15:00:00.000Z']);
		expect((await createSurveyFromTemplate(ctx, owner, ev.slug)).id).toBe(survey.id);
		expect((await getSurvey(ctx, owner, ev.slug)).questions).toHaveLength(9);
	});

	it('test_save_keeps_ids_and_refuses_bad_surveys_and_strangers', async () => {
		const { owner, ev, survey } = await eventWithSurvey();
		const kept = survey.questions[0];
		const again = await saveSurvey(ctx, owner, ev.slug, {
			...openSurveyInput(),
			questions: [
				{ ...kept, label: 'Satisfaction générale' },
				{ label: 'Format préféré', type: 'single', options: ['Atelier', 'Plénière'] }
			]
		});
		expect(again.questions.map((q) => [q.id === kept.id, q.label])).toEqual([
			[true, 'Satisfaction générale'],
			[false, 'Format préféré']
		]);
		expect(
			await issuesOf(
				saveSurvey(ctx, owner, ev.slug, {
					title: '',
					opensAt: '2027-06-20T10:00:00Z',
					closesAt: '2027-06-12T10:00:00Z',
					questions: [
						{ label: 'Choix', type: 'single', options: ['Un'] },
						{ label: '<script>x</script>', type: 'scale7' }
					]
				})
			)
		).toEqual([
			'title:errors.required',
			'questions.0.options:surveys.errors.optionsNeeded',
			'questions.1.label:registration.errors.markup',
			'questions.1.type:errors.invalidChoice',
			'closesAt:errors.endBeforeStart'
		]);
		await expect(saveSurvey(ctx, await newUser(t.db), ev.slug, openSurveyInput())).rejects.toBeInstanceOf(NotFoundError);
		const reader = await newUser(t.db);
		await addTeamMemberRow(t.db, ev.id, reader.id, 'readonly');
		await expect(saveSurvey(ctx, reader, ev.slug, openSurveyInput())).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getSurvey(ctx, reader, ev.slug)).id).toBe(survey.id);
	});

	it('test_answer_is_anonymous_counted_once_and_refused_twice', async () => {
		const { ev, survey, person, q } = await eventWithSurvey();
		const sessionId = await newSession(t.db, ev.id, { title: 'Atelier inclusion' });
		const awa = await person({ sessionIds: [sessionId] });
		await saveSurveyDraft(ctx, awa.token, { [`q_${q('Satisfaction')}`]: '4' });
		expect((await getSurveyForm(ctx, awa.token, NOW)).draft).toEqual({ [`q_${q('Satisfaction')}`]: '4' });
		expect(await surveyLinkFor(ctx, awa.token, NOW)).toBe(true);

		await submitSurveyResponse(
			ctx,
			awa.token,
			ev.slug,
			{
				answers: {
					[q('Satisfaction')]: 4,
					[q('Revenir')]: true,
					[q('Format')]: 'Atelier',
					[q('Sujets')]: ['IA', 'Inclusion'],
					[q('Garder')]: 'Les pauses'
				},
				sessions: { [sessionId]: { rating: 5, comment: 'Très concret' } }
			},
			NOW
		);
		const stored = await t.db.selectFrom('survey_response').selectAll().where('survey_id', '=', survey.id).execute();
		expect(stored.map((r) => [r.registration_id, r.submitted_on, r.source])).toEqual([[null, '2027-06-15', 'link']]);
		expect(await t.db.selectFrom('survey_draft').selectAll().execute()).toEqual([]);
		expect(await surveyLinkFor(ctx, awa.token, NOW)).toBe(false);
		const second = submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 2 } }, NOW);
		await expect(second).rejects.toBeInstanceOf(ConflictError);

		const results = (await computeSurveyResults(t.db, ev.id))!;
		expect([results.invited, results.responses, results.responseRate]).toEqual([1, 1, 1]);
		const satisfaction = results.questions.find((x) => x.id === q('Satisfaction'))!;
		expect(satisfaction).toMatchObject({ count: 1, average: 4, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 }, texts: [] });
		expect(results.questions.find((x) => x.id === q('Revenir'))!.distribution).toEqual({ true: 1, false: 0 });
		expect(results.questions.find((x) => x.id === q('Sujets'))!.distribution).toEqual({ IA: 1, Inclusion: 1, Territoires: 0 });
		expect(results.questions.find((x) => x.id === q('Garder'))!.texts).toEqual(['Les pauses']);
		expect(results.sessions).toEqual([{ id: sessionId, title: 'Atelier inclusion', count: 1, average: 5, comments: ['Très concret'] }]);
	});

	it('test_answer_refuses_ratings_of_sessions_the_person_neither_attended_nor_chose', async () => {
		const { ev, person, q } = await eventWithSurvey();
		const chosen = await newSession(t.db, ev.id, { title: 'Atelier choisi' });
		const other = await newSession(t.db, ev.id, { title: 'Atelier d’à côté' });
		const plenary = await newSession(t.db, ev.id, { title: 'Plénière', format: 'plenary', requiresRegistration: false });
		const afternoon = await newSession(t.db, ev.id, {
			title: 'Plénière de l’après-midi',
			format: 'plenary',
			requiresRegistration: false,
			startsAt: '2027-06-10T13:00:00.000Z',
			endsAt: '2027-06-10T14:00:00.000Z'
		});
		const awa = await person({ sessionIds: [chosen] });
		await checkInRow(t.db, ev.id, awa.id, '2027-06-10:am');
		const answer = (sessions: Record<string, { rating: number }>) =>
			submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 4 }, sessions }, NOW);

		expect(await issuesOf(answer({ [other]: { rating: 2 }, [afternoon]: { rating: 3 } }))).toEqual([
			`sessions.${other}:surveys.errors.sessionNotAttended`,
			`sessions.${afternoon}:surveys.errors.sessionNotAttended`
		]);
		expect(await t.db.selectFrom('survey_respondent').selectAll().where('registration_id', '=', awa.id).execute()).toEqual([]);
		await answer({ [chosen]: { rating: 5 }, [plenary]: { rating: 4 } });
		expect((await computeSurveyResults(t.db, ev.id))!.sessions.map((s) => [s.title, s.average])).toEqual([
			['Atelier choisi', 5],
			['Plénière', 4]
		]);
	});

	it('test_answer_refuses_bad_values_closed_surveys_and_cancelled_people', async () => {
		const { ev, person, q, owner } = await eventWithSurvey();
		const awa = await person();
		const issues = await issuesOf(
			submitSurveyResponse(
				ctx,
				awa.token,
				ev.slug,
				{
					answers: {
						[q('Satisfaction')]: 6,
						[q('Revenir')]: 'oui',
						[q('Format')]: 'Conférence',
						[q('Garder')]: 'x'.repeat(1_000_000),
						[q('Améliorer')]: '<script>alert(1)</script>',
						'00000000-0000-0000-0000-000000000000': 3
					},
					sessions: { '11111111-1111-1111-1111-111111111111': { rating: 3 } }
				},
				NOW
			)
		);
		expect(issues).toEqual([
			`answers.${q('Satisfaction')}:surveys.errors.scale`,
			`answers.${q('Revenir')}:surveys.errors.yesno`,
			`answers.${q('Format')}:errors.invalidChoice`,
			`answers.${q('Garder')}:errors.tooLong`,
			`answers.${q('Améliorer')}:registration.errors.markup`,
			'answers.00000000-0000-0000-0000-000000000000:surveys.errors.unknownQuestion',
			'sessions.11111111-1111-1111-1111-111111111111:surveys.errors.unknownSession'
		]);
		expect(await issuesOf(submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Revenir')]: true } }, NOW))).toEqual([
			`answers.${q('Satisfaction')}:errors.required`
		]);
		expect(await t.db.selectFrom('survey_respondent').selectAll().where('registration_id', '=', awa.id).execute()).toEqual([]);

		const early = submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 3 } }, new Date('2027-06-01T00:00:00Z'));
		await expect(early).rejects.toBeInstanceOf(ConflictError);
		const late = submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 3 } }, new Date('2027-09-01T00:00:00Z'));
		await expect(late).rejects.toBeInstanceOf(ConflictError);
		await cancelRegistration(ctx, { actor: owner }, awa.id);
		const cancelled = submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 3 } }, NOW);
		await expect(cancelled).rejects.toBeInstanceOf(ForbiddenError);
		await expect(submitSurveyResponse(ctx, 'mrg_' + 'x'.repeat(32), ev.slug, {}, NOW)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_invited_counts_people_who_came_and_named_surveys_keep_the_person', async () => {
		const { ev, person, q, owner } = await eventWithSurvey({ anonymous: false });
		const awa = await person({ role: 'mediateur-numerique' });
		await person();
		await person();
		expect((await computeSurveyResults(t.db, ev.id))!.invited).toBe(3);
		await checkInRow(t.db, ev.id, awa.id, '2027-06-10:am');
		await submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 5 } }, NOW);
		const results = (await computeSurveyResults(t.db, ev.id))!;
		expect([results.invited, results.responses, results.responseRate]).toEqual([1, 1, 1]);
		const row = await t.db
			.selectFrom('survey_response')
			.innerJoin('survey', 'survey.id', 'survey_response.survey_id')
			.select('registration_id')
			.where('survey.event_id', '=', ev.id)
			.executeTakeFirstOrThrow();
		expect(row.registration_id).toBe(awa.id);
		// A named survey may be filtered whatever the group's size.
		const filtered = await getSurveyResults(ctx, owner, ev.slug, { role: 'mediateur-numerique' });
		expect(filtered.results.responses).toBe(1);
		const other = await newUser(t.db);
		await expect(getSurveyResults(ctx, other, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect(await computeSurveyResults(t.db, (await newPublishedEvent(t.db, owner)).id)).toBeNull();
	});

	it('test_anonymous_filter_needs_five_answers', async () => {
		const { ev, person, q, owner } = await eventWithSurvey();
		for (let i = 0; i < 5; i++) {
			const p = await person({ role: i < 4 ? 'mediateur-numerique' : 'elu' });
			await submitSurveyResponse(ctx, p.token, ev.slug, { answers: { [q('Satisfaction')]: 3 + (i % 2) } }, NOW);
		}
		await expect(getSurveyResults(ctx, owner, ev.slug, { role: 'mediateur-numerique' })).rejects.toBeInstanceOf(ConflictError);
		const all = await getSurveyResults(ctx, owner, ev.slug);
		expect(all.results.responses).toBe(5);
		expect(all.results.questions[0].average).toBe(3.4);
		expect(all.groups.roles.map((g) => [g.key, g.n, g.shown])).toEqual([
			['elu', 1, false],
			['mediateur-numerique', 4, false]
		]);
	});

	it('test_anonymity_and_answered_types_are_locked_once_answered', async () => {
		const { ev, survey, person, q, owner } = await eventWithSurvey();
		const awa = await person();
		await submitSurveyResponse(ctx, awa.token, ev.slug, { answers: { [q('Satisfaction')]: 3 } }, NOW);
		const questions = survey.questions.map((x) => (x.id === q('Satisfaction') ? { ...x, type: 'scale10' } : x));
		expect(await issuesOf(saveSurvey(ctx, owner, ev.slug, { ...openSurveyInput({ anonymous: false }), questions }))).toEqual([
			'anonymous:surveys.errors.anonymityLocked',
			'questions.0.type:surveys.errors.typeLocked'
		]);
	});
});
