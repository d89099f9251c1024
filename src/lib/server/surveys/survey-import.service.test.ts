import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { decodeCsv, importSurveyAnswers, importSurveyAnswersFile } from './survey-import.service.ts';
import { computeSurveyResults } from './survey-results.service.ts';
import { saveSurvey } from './survey.service.ts';

describe('decodeCsv', () => {
	it('test_decodeCsv_reads_utf8_and_windows_1252', () => {
		expect(decodeCsv(new TextEncoder().encode('\uFEFFQualité;Améliorer'))).toBe('Qualité;Améliorer');
		expect(decodeCsv(Uint8Array.from([0x51, 0x75, 0x61, 0x6c, 0x69, 0x74, 0xe9, 0x20, 0x92]))).toBe('Qualité ’');
	});
});

describe.each(DIALECTS)('survey answers import on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(() => t.close());

	it('test_import_counts_valid_rows_and_refuses_others_in_french', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const id = (label: string) => survey.questions.find((q) => q.label === label)!.id;
		const csv = [
			'id;note;revenir;sujets;garder',
			'1;4;oui;IA|Inclusion;Les pauses',
			'2;7;non;;',
			'3;5;peut-être;Cuisine;<b>ok</b>',
			'4;;;;',
			'5;3;Non;;"Les ateliers; surtout"'
		].join('\n');
		const mapping = { [id('Satisfaction')]: 1, [id('Revenir')]: 2, [id('Sujets')]: 3, [id('Garder')]: 4 };
		const report = await importSurveyAnswers(ctx, owner, ev.slug, csv, mapping);
		expect(report.lines).toBe(5);
		expect(report.imported).toBe(2);
		expect(report.refused).toEqual([
			{ line: 3, reason: '« Satisfaction » : Indiquez un nombre entier entre 1 et 5.' },
			{
				line: 4,
				reason:
					'« Revenir » : Répondez par oui ou par non. ; « Sujets » : Choisissez une valeur dans la liste. ; « Garder » : Les balises et le code (« < … > », « javascript: ») ne sont pas acceptés dans ce champ.'
			},
			{ line: 5, reason: 'Répondez à au moins une question.' }
		]);
		const results = (await computeSurveyResults(t.db, ev.id))!;
		expect(results.responses).toBe(2);
		expect(results.questions.find((q) => q.id === id('Satisfaction'))!.average).toBe(3.5);
		// Anonymous answers have random ids and only a day: their order says nothing of who answered.
		expect(results.questions.find((q) => q.id === id('Garder'))!.texts.sort()).toEqual(['Les ateliers; surtout', 'Les pauses']);
		const sources = await t.db
			.selectFrom('survey_response')
			.select(['source', 'registration_id'])
			.where('survey_id', '=', survey.id)
			.execute();
		expect(sources).toEqual([
			{ source: 'import', registration_id: null },
			{ source: 'import', registration_id: null }
		]);

		expect(await issuesOf(importSurveyAnswers(ctx, owner, ev.slug, csv, {}))).toEqual(['mapping:surveys.errors.importNoMapping']);
		expect(await issuesOf(importSurveyAnswers(ctx, owner, ev.slug, csv, { [id('Satisfaction')]: 9 }))).toEqual([
			`mapping.${id('Satisfaction')}:surveys.errors.importColumn`
		]);
		expect(await issuesOf(importSurveyAnswers(ctx, owner, ev.slug, 'seulement;un en-tête', mapping))).toEqual([
			'file:surveys.errors.importEmpty'
		]);
		await expect(importSurveyAnswers(ctx, await newUser(t.db), ev.slug, csv, mapping)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_importSurveyAnswersFile_without_mapping_uses_columns_named_like_questions', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const id = (label: string) => survey.questions.find((q) => q.label === label)!.id;
		// Windows-1252, as French Excel writes it; « Note de la séance » is asked per session: never imported.
		const bytes = Uint8Array.from([...'n°;satisfaction;Garder;Note de la séance\n1;5;Le café;4\n2;8;;2\n'].map((c) => c.charCodeAt(0)));
		const report = await importSurveyAnswersFile(ctx, owner, ev.slug, bytes, undefined);
		expect(report).toEqual({
			lines: 2,
			imported: 1,
			refused: [{ line: 3, reason: '« Satisfaction » : Indiquez un nombre entier entre 1 et 5.' }]
		});
		const results = (await computeSurveyResults(t.db, ev.id))!;
		expect(results.questions.find((q) => q.id === id('Garder'))!.texts).toEqual(['Le café']);

		// A mapping given is used as it is.
		const named = await importSurveyAnswersFile(ctx, owner, ev.slug, bytes, { [id('Garder')]: 1 });
		expect([named.imported, named.refused]).toEqual([2, []]);
		const unnamed = new TextEncoder().encode('a;b\n1;2\n');
		expect(await issuesOf(importSurveyAnswersFile(ctx, owner, ev.slug, unnamed, undefined))).toEqual([
			'mapping:surveys.errors.importNoMapping'
		]);
		// Someone outside the team learns nothing, not even that the file is unreadable.
		await expect(importSurveyAnswersFile(ctx, await newUser(t.db), ev.slug, new Uint8Array(0), undefined)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('test_import_of_10000_rows_takes_seconds', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const rows = Array.from({ length: 10_000 }, (_, i) => `${(i % 5) + 1},${i % 2 ? 'yes' : 'no'}`);
		const started = performance.now();
		const report = await importSurveyAnswers(ctx, owner, ev.slug, ['note,revenir', ...rows].join('\r\n'), {
			[survey.questions[0].id]: 0,
			[survey.questions[2].id]: 1
		});
		const seconds = (performance.now() - started) / 1000;
		expect([report.imported, report.refused.length]).toEqual([10_000, 0]);
		expect(seconds).toBeLessThan(20);
		expect((await computeSurveyResults(t.db, ev.id))!.questions[0].average).toBe(3);
	}, 60_000);
});
