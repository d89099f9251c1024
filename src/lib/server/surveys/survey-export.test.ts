import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import { translator } from '../../i18n/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { ConflictError } from '../validation.ts';
import { getSurveyForToken, submitSurveyResponse } from './survey-response.service.ts';
import { exportSurveyAnswers, exportSurveyResults } from './survey-results.service.ts';
import { saveSurvey } from './survey.service.ts';

const NOW = new Date('2027-06-15T10:00:00Z');
const t = translator('fr');

describe.each(DIALECTS)('survey exports and races on %s', (dialect) => {
	let db: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t: db, ctx } = await openServiceDb(dialect));
	});
	afterAll(() => db.close());

	async function answered(anonymous: boolean) {
		const owner = await newUser(db.db);
		const ev = await newPublishedEvent(db.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput({ anonymous }));
		const q = (label: string) => survey.questions.find((x) => x.label === label)!.id;
		const person = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Zoë', lastName: 'Ørsted' }));
		await submitSurveyResponse(
			ctx,
			person.manageToken!,
			ev.slug,
			{ answers: { [q('Satisfaction')]: 5, [q('Revenir')]: false, [q('Garder')]: '=HYPERLINK("x")' } },
			NOW
		);
		return { owner, ev, survey, person };
	}

	it('test_results_xlsx_and_csv_hold_the_counts', async () => {
		const { owner, ev } = await answered(true);
		const xlsx = await exportSurveyResults(ctx, owner, ev.slug, 'xlsx', t);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		const rows = (wb.worksheets[0].getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
		expect(rows[0]).toEqual(['Partie', 'Question', 'Type', 'Réponse', 'Nombre', 'Moyenne']);
		expect(rows).toContainEqual(['Dans l’ensemble', 'Satisfaction', 'Note de 1 à 5', '5', 1, '']);
		expect(rows).toContainEqual(['Dans l’ensemble', 'Satisfaction', 'Note de 1 à 5', 'Moyenne', 1, 5]);
		expect(wb.worksheets[1].getCell('B2').value).toBe('=HYPERLINK("x")');
		const csv = (await exportSurveyResults(ctx, owner, ev.slug, 'csv', t)).body.toString('utf8');
		expect(csv).toContain('Revenir;Oui / non;Non;1;');
	});

	it('test_answers_csv_anonymous_has_no_identity_named_has_and_is_audited', async () => {
		const anonymous = await answered(true);
		const anon = (await exportSurveyAnswers(ctx, anonymous.owner, anonymous.ev.slug, t)).body.toString('utf8');
		expect(anon.split('\r\n')[0]).not.toMatch(/Prénom|E-mail/);
		expect(anon).not.toContain('Ørsted');
		expect(anon).toContain(`'=HYPERLINK(""x"")`);
		const named = await answered(false);
		const file = await exportSurveyAnswers(ctx, named.owner, named.ev.slug, t);
		expect(file.body.toString('utf8')).toContain('Zoë;Ørsted;');
		const audit = await db.db.selectFrom('audit_log').select(['action', 'subject']).where('event_id', '=', named.ev.id).execute();
		expect(audit).toEqual([{ action: 'survey-answers.export', subject: file.filename }]);
	});

	it('test_two_simultaneous_answers_from_one_link_store_one', async () => {
		const owner = await newUser(db.db);
		const ev = await newPublishedEvent(db.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const person = await registerParticipant(ctx, null, ev.slug, registrationInput());
		expect((await getSurveyForToken(ctx, person.manageToken!, ev.slug, NOW)).id).toBe(survey.id);
		const send = () => submitSurveyResponse(ctx, person.manageToken!, ev.slug, { answers: { [survey.questions[0].id]: 3 } }, NOW);
		const outcomes = await Promise.allSettled([send(), send(), send()]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConflictError);
		const stored = await db.db.selectFrom('survey_response').select('id').where('survey_id', '=', survey.id).execute();
		expect(stored).toHaveLength(1);
	});
});
