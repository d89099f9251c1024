import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { saveSurvey } from '../surveys/survey.service.ts';
import { submitSurveyResponse } from '../surveys/survey-response.service.ts';
import { getPublicReport, getReportEditor, setReportPublished, updateReportSettings } from './report.service.ts';

const NOW = new Date('2027-06-15T10:00:00Z');

describe.each(DIALECTS)('report with a survey (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

	it('test_satisfaction_and_verbatim_candidates_come_from_the_survey_without_free_texts_in_public', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const q = (label: string) => survey.questions.find((x) => x.label === label)!.id;
		for (const [rating, text] of [
			[5, 'Les pauses longues'],
			[3, 'Le repas partagé']
		] as const) {
			const r = await registerParticipant(ctx, null, ev.slug, registrationInput());
			await submitSurveyResponse(ctx, r.manageToken!, ev.slug, { answers: { [q('Satisfaction')]: rating, [q('Garder')]: text } }, NOW);
		}
		const editor = await getReportEditor(ctx, owner, ev.slug);
		expect(editor.answers).toEqual(['Le repas partagé', 'Les pauses longues'].sort((a, b) => a.localeCompare(b, 'fr')));
		const satisfaction = editor.report.satisfaction!;
		expect([satisfaction.invited, satisfaction.responses]).toEqual([2, 2]);
		expect(satisfaction.questions.find((x) => x.label === 'Satisfaction')).toMatchObject({ count: 2, average: 4 });
		expect(satisfaction.questions.some((x) => x.type === 'text')).toBe(false);

		await updateReportSettings(ctx, owner, ev.slug, { verbatims: ['Les pauses longues'] });
		await setReportPublished(ctx, owner, ev.slug, { published: true });
		const text = JSON.stringify((await getPublicReport(ctx, ev.slug)).report);
		expect(text).toContain('Les pauses longues');
		expect(text).not.toContain('Le repas partagé');
	});
});
