// The survey API over HTTP against the built app, on each database dialect: the contract outside
// checks rely on (PUT/GET survey, POST responses with the registration's private-link token,
// GET results), with its exact status codes, and bad input refused in French with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { newSession } from '../factories/registrations.ts';
import { checkInRow } from '../factories/surveys.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const fr = MESSAGES.fr;

describe.each(DIALECTS)('survey API on %s', (dialect) => {
	let running: AppOnDatabase;
	let db: DbHandle;
	let owner: string;
	let stranger: string;
	let seq = 0;
	const api = (method: string, pathname: string, token?: string, body?: unknown) =>
		callApi(running.app.url, method, pathname, { token, body });

	async function newEvent(): Promise<{ id: string; slug: string }> {
		seq += 1;
		const created = await api('POST', '/events', owner, {
			title: `NEC Corrèze ${seq}`,
			themes: ['Inclusion numérique', 'Communs'],
			startsAt: '2027-09-16T09:00:00+02:00',
			endsAt: '2027-09-16T17:00:00+02:00',
			format: 'onsite',
			venue: { name: 'Tiers-lieu', inseeCode: '19272' }
		});
		expect(created.status).toBe(201);
		expect((await api('PATCH', `/events/${created.json.slug}`, owner, { status: 'published' })).status).toBe(200);
		return created.json;
	}

	async function register(slug: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; manageToken: string }> {
		seq += 1;
		const res = await api('POST', `/events/${slug}/registrations`, undefined, {
			firstName: 'Camille',
			lastName: `Martin ${seq}`,
			email: `camille.${seq}.${dialect}@example.org`,
			structure: { name: 'Association Les Connectés', type: 'association' },
			role: 'mediateur-numerique',
			inseeCode: '19272',
			sessionIds: [],
			consents: { terms: true, newsletter: false, photos: false },
			...overrides
		});
		expect(res.status, res.text).toBe(201);
		return res.json;
	}

	const SURVEY = {
		title: 'Votre avis sur le NEC',
		anonymous: true,
		opensAt: null,
		closesAt: '2030-01-01T00:00:00Z',
		questions: [
			{ label: 'Satisfaction générale', type: 'scale5', required: true },
			{ label: 'Recommanderiez-vous ?', type: 'scale10' },
			{ label: 'Reviendriez-vous ?', type: 'yesno' },
			{ label: 'Format préféré', type: 'single', options: ['Atelier', 'Plénière'] },
			{ label: 'Sujets', type: 'multiple', options: ['IA', 'Inclusion'] },
			{ label: 'À améliorer', type: 'text' },
			{ label: 'Note de la séance', type: 'scale5', perSession: true },
			{ label: 'Commentaire', type: 'text', perSession: true }
		]
	};

	beforeAll(async () => {
		running = await startAppOn(dialect, 'survey-api');
		db = createDb(running.databaseUrl);
		owner = await createUserWithToken(`owner.survey.${dialect}@example.org`, running.databaseUrl);
		stranger = await createUserWithToken(`stranger.survey.${dialect}@example.org`, running.databaseUrl);
	});

	afterAll(async () => {
		await db?.db.destroy();
		await running?.stop();
	});

	it('test_put_get_answer_and_results_with_the_contract_status_codes', async () => {
		const ev = await newEvent();
		const sessionId = await newSession(db.db, ev.id, {
			title: 'Atelier des communs',
			startsAt: '2027-09-16T08:00:00.000Z',
			endsAt: '2027-09-16T09:30:00.000Z'
		});
		expect((await api('GET', `/events/${ev.slug}/survey`, owner)).status).toBe(404);

		const put = await api('PUT', `/events/${ev.slug}/survey`, owner, SURVEY);
		expect(put.status, put.text).toBe(200);
		expect(put.json.questions).toHaveLength(8);
		expect(put.json.questions.every((q: { id: string }) => /^[0-9a-f-]{36}$/.test(q.id))).toBe(true);
		const id = Object.fromEntries(put.json.questions.map((q: { label: string; id: string }) => [q.label, q.id]));
		const got = await api('GET', `/events/${ev.slug}/survey`, owner);
		expect(got.json.questions.map((q: { id: string }) => q.id)).toEqual(put.json.questions.map((q: { id: string }) => q.id));
		expect((await api('PUT', `/events/${ev.slug}/survey`, stranger, SURVEY)).status).toBe(404);
		expect((await api('PUT', `/events/${ev.slug}/survey`, undefined, SURVEY)).status).toBe(401);

		const awa = await register(ev.slug, { sessionIds: [sessionId] });
		const other = await register(ev.slug);
		await checkInRow(db.db, ev.id, awa.id, '2027-09-16:am');
		await checkInRow(db.db, ev.id, other.id, '2027-09-16:am');
		const answer = {
			answers: {
				[id['Satisfaction générale']]: 4,
				[id['Recommanderiez-vous ?']]: 9,
				[id['Reviendriez-vous ?']]: true,
				[id['Format préféré']]: 'Atelier',
				[id['Sujets']]: ['IA', 'Inclusion'],
				[id['À améliorer']]: 'Plus de temps entre les ateliers'
			},
			sessions: { [sessionId]: { rating: 5, comment: 'Très concret' } }
		};
		const posted = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, answer);
		expect(posted.status, posted.text).toBe(201);
		const again = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, answer);
		expect(again.status).toBe(409);
		expect(again.json.errors).toEqual([{ field: '_', message: fr.surveys.errors.alreadyAnswered }]);
		expect((await api('POST', `/events/${ev.slug}/survey/responses`, undefined, answer)).status).toBe(401);
		expect((await api('POST', `/events/${ev.slug}/survey/responses`, `mrg_${'A'.repeat(32)}`, answer)).status).toBe(401);

		const results = await api('GET', `/events/${ev.slug}/survey/results`, owner);
		expect(results.status).toBe(200);
		expect(results.json).toMatchObject({ invited: 2, responses: 1, responseRate: 0.5 });
		const q = (label: string) => results.json.questions.find((x: { label: string }) => x.label === label);
		expect(q('Satisfaction générale')).toMatchObject({ count: 1, average: 4, distribution: { '4': 1, '5': 0 } });
		expect(q('Reviendriez-vous ?').distribution).toEqual({ true: 1, false: 0 });
		expect(q('Sujets').distribution).toEqual({ IA: 1, Inclusion: 1 });
		expect(q('À améliorer').texts).toEqual(['Plus de temps entre les ateliers']);
		expect(results.json.sessions).toEqual([
			{ id: sessionId, title: 'Atelier des communs', count: 1, average: 5, comments: ['Très concret'] }
		]);
		expect((await api('GET', `/events/${ev.slug}/survey/results`, stranger)).status).toBe(404);

		// Anonymous: nothing in the stored answer points to the person.
		const stored = await db.db.selectFrom('survey_response').select(['registration_id']).execute();
		expect(stored.every((r) => r.registration_id === null)).toBe(true);
		const answered = await db.db.selectFrom('survey_respondent').select('registration_id').where('registration_id', '=', awa.id).execute();
		expect(answered).toHaveLength(1);

		const csv = await fetch(`${running.app.url}/api/v1/events/${ev.slug}/survey/answers.csv`, {
			headers: { authorization: `Bearer ${owner}` }
		});
		const text = await csv.text();
		expect(csv.status).toBe(200);
		expect(text).toContain('Plus de temps entre les ateliers');
		expect(text).not.toMatch(/Camille|example\.org/);
	});

	it('test_bad_answers_are_422_in_french_and_windows_409_cancelled_403', async () => {
		const ev = await newEvent();
		const put = await api('PUT', `/events/${ev.slug}/survey`, owner, SURVEY);
		const id = Object.fromEntries(put.json.questions.map((q: { label: string; id: string }) => [q.label, q.id]));
		const awa = await register(ev.slug);
		const bad = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, {
			answers: {
				[id['Satisfaction générale']]: 7,
				[id['À améliorer']]: '<script>alert(1)</script>',
				'00000000-0000-4000-8000-000000000000': 'x'
			}
		});
		expect(bad.status).toBe(422);
		expect(bad.json.errors).toEqual([
			{ field: `answers.${id['Satisfaction générale']}`, message: 'Indiquez un nombre entier entre 1 et 5.' },
			{ field: `answers.${id['À améliorer']}`, message: fr.registration.errors.markup },
			{ field: 'answers.00000000-0000-4000-8000-000000000000', message: fr.surveys.errors.unknownQuestion }
		]);
		const huge = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, {
			answers: { [id['Satisfaction générale']]: 3, [id['À améliorer']]: 'a'.repeat(1_048_576) }
		});
		expect(huge.status).toBe(422);
		expect(huge.json.errors[0].message).toBe('Ce texte est trop long (au plus 5000 caractères).');
		expect((await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, '{"answers":')).status).toBe(400);
		// A workshop of the programme that Awa neither chose nor attended: not hers to rate.
		const workshop = await newSession(db.db, ev.id, {
			title: 'Atelier sur inscription',
			startsAt: '2027-09-16T08:00:00.000Z',
			endsAt: '2027-09-16T09:30:00.000Z'
		});
		const notHers = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, {
			answers: { [id['Satisfaction générale']]: 3 },
			sessions: { [workshop]: { rating: 4 } }
		});
		expect(notHers.status).toBe(422);
		expect(notHers.json.errors).toEqual([{ field: `sessions.${workshop}`, message: fr.surveys.errors.sessionNotAttended }]);
		expect(await db.db.selectFrom('survey_respondent').selectAll().where('registration_id', '=', awa.id).execute()).toEqual([]);

		const ok = { answers: { [id['Satisfaction générale']]: 3 } };
		expect(
			(await api('PUT', `/events/${ev.slug}/survey`, owner, { ...SURVEY, questions: put.json.questions, opensAt: '2029-01-01T00:00:00Z' }))
				.status
		).toBe(200);
		const early = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, ok);
		expect([early.status, early.json.errors[0].message]).toEqual([409, fr.surveys.errors.notOpen]);
		expect(
			(
				await api('PUT', `/events/${ev.slug}/survey`, owner, {
					...SURVEY,
					questions: put.json.questions,
					opensAt: '2025-01-01T00:00:00Z',
					closesAt: '2026-01-01T00:00:00Z'
				})
			).status
		).toBe(200);
		const late = await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, ok);
		expect([late.status, late.json.errors[0].message]).toEqual([409, fr.surveys.errors.closed]);

		expect((await api('PUT', `/events/${ev.slug}/survey`, owner, { ...SURVEY, questions: put.json.questions })).status).toBe(200);
		const cancelled = await register(ev.slug);
		expect((await api('DELETE', `/registrations/${cancelled.id}`, cancelled.manageToken)).status).toBe(204);
		const refused = await api('POST', `/events/${ev.slug}/survey/responses`, cancelled.manageToken, ok);
		expect([refused.status, refused.json.errors[0].message]).toEqual([403, fr.surveys.answer.cancelled]);
		expect((await api('POST', `/events/${ev.slug}/survey/responses`, awa.manageToken, ok)).status).toBe(201);

		const badSurvey = await api('PUT', `/events/${ev.slug}/survey`, owner, {
			title: 'x',
			questions: [{ label: 'Choix', type: 'single' }],
			extra: 1
		});
		expect(badSurvey.status).toBe(422);
		expect(badSurvey.json.errors.map((e: { field: string }) => e.field)).toEqual(['questions.0.options', 'extra']);
	});
});
