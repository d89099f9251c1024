import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { pdfFonts, pdfText } from '../../../../tests/helpers/pdf.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker, registrationInput } from '../../../../tests/factories/registrations.ts';
import { addTeamMember, balancedBudgetLines } from '../../../../tests/factories/preparation.ts';
import { seedParticipants } from '../../../../tests/factories/reports.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { replaceBudget } from '../budget/budget.service.ts';
import { addCommitteeMember, addMeeting, addTimeEntry } from '../planning/committee.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { saveSurvey } from '../surveys/survey.service.ts';
import { submitSurveyResponse } from '../surveys/survey-response.service.ts';
import { NotFoundError } from '../validation.ts';
import { MESSAGES } from '../../i18n/index.ts';
import { presentReport } from './report.present.ts';
import { getAllCertificates, getCertificate } from './certificate.service.ts';
import { openDataCsv, openDataOf, reportPdfFile } from './report.export.ts';
import { getPublicReport, getReport, setReportPublished, updateReportSettings, updateReview } from './report.service.ts';
import { getSynthesis, saveSynthesis } from './synthesis.service.ts';
import { getImprovementChecklist, prepareNextEdition, turnPointIntoTask } from './next-edition.service.ts';

const fr = MESSAGES.fr.reports;
const SURVEY_DAY = new Date('2027-06-15T10:00:00Z');

describe.each(DIALECTS)('report outputs (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

	/**
	 * The test survey on `slug`, answered once per entry: the overall rating (1–5), the 0–10
	 * recommendation, coming again (yes/no) and a rating of `session` (a plenary open to all).
	 */
	async function answeredSurvey(
		slug: string,
		owner: Parameters<typeof saveSurvey>[1],
		session: string,
		answers: { overall: number; ten: number; again: boolean; rating: number }[]
	) {
		const survey = await saveSurvey(ctx, owner, slug, openSurveyInput());
		const q = (label: string) => survey.questions.find((x) => x.label === label)!.id;
		for (const a of answers) {
			const r = await registerParticipant(ctx, null, slug, registrationInput());
			await submitSurveyResponse(
				ctx,
				r.manageToken!,
				slug,
				{
					answers: { [q('Satisfaction')]: a.overall, [q('Recommandation')]: a.ten, [q('Revenir')]: a.again },
					sessions: { [session]: { rating: a.rating } }
				},
				SURVEY_DAY
			);
		}
	}

	it('test_public_report_leaves_out_every_hidden_section_in_json_open_data_csv_and_pdf', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		await newSession(ctx.db, ev.id, { title: 'Atelier confidentiel' });
		const plenary = await newSession(ctx.db, ev.id, { title: 'Plénière ouverte', format: 'plenary', requiresRegistration: false });
		await addMeeting(ctx, owner, ev.slug, { heldOn: '2026-11-10', title: 'Réunion de lancement discrète' });
		await replaceBudget(ctx, owner, ev.slug, { lines: balancedBudgetLines() });
		await seedParticipants(ctx.db, ev.id, 12, { checkedIn: 9 });
		await answeredSurvey(ev.slug, owner, plenary, [{ overall: 4, ten: 8, again: true, rating: 5 }]);
		const hidden = ['preparation', 'budget', 'programme', 'participation', 'satisfaction'] as const;
		await updateReportSettings(ctx, owner, ev.slug, { hiddenSections: [...hidden] });
		await setReportPublished(ctx, owner, ev.slug, { published: true });

		const { report, showPerSession } = await getPublicReport(ctx, ev.slug);
		const visitor = (await getReport(ctx, null, ev.slug)).report;
		const open = openDataOf(report, ctx.publicUrl);
		const csv = (await openDataCsv(report, ctx.publicUrl, ['indicateur', 'clé', 'valeur'])).body.toString('utf8');
		const pdf = pdfText((await reportPdfFile(report, 'fr', showPerSession)).body, { layout: false });
		const page = JSON.stringify(presentReport(report, { lang: 'fr', showPerSession, onlyShown: true }));

		for (const section of hidden) {
			expect(report[section], section).toBeNull();
			expect(visitor[section], section).toBeNull();
			expect(open[section], section).toBeNull();
			expect(csv, section).not.toContain(`${section};`);
			expect(pdf, section).not.toContain(fr.section[section]);
		}
		for (const text of [JSON.stringify(report), JSON.stringify(open), csv, pdf, page])
			for (const needle of ['Atelier confidentiel', 'Réunion de lancement discrète', fr.budget.charges, fr.participation.attended])
				expect(text).not.toContain(needle);
		expect(csv).toContain('event;title;');
		expect(pdf).toContain(fr.section.review);

		// The organisers' own view keeps everything.
		const own = (await getReport(ctx, owner, ev.slug)).report;
		expect(own.participation?.attended).toBe(9);
		expect(own.budget?.chargesCents).toBeGreaterThan(0);
		expect(own.programme?.items.map((s) => s.title)).toContain('Atelier confidentiel');
		expect(own.preparation?.timeline.map((x) => x.label)).toContain('Réunion de lancement discrète');
		expect(own.satisfaction?.responses).toBe(1);
	});

	it('test_per_session_ratings_follow_the_per_session_choice_in_public_outputs', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const plenary = await newSession(ctx.db, ev.id, { title: 'Plénière ouverte', format: 'plenary', requiresRegistration: false });
		await answeredSurvey(ev.slug, owner, plenary, [
			{ overall: 4, ten: 8, again: true, rating: 5 },
			{ overall: 5, ten: 9, again: false, rating: 3 }
		]);
		await updateReportSettings(ctx, owner, ev.slug, { showPerSession: false });
		await setReportPublished(ctx, owner, ev.slug, { published: true });

		const { report, showPerSession } = await getPublicReport(ctx, ev.slug);
		expect(showPerSession).toBe(false);
		expect(report.satisfaction?.sessions).toEqual([]);
		const blocks = presentReport(report, { lang: 'fr', showPerSession, onlyShown: true }).flatMap((s) => s.blocks);
		expect(blocks.some((b) => b.text === fr.satisfaction.perSession)).toBe(false);
		const pdf = pdfText((await reportPdfFile(report, 'fr', showPerSession)).body, { layout: false });
		expect(pdf).not.toContain(fr.satisfaction.perSession);

		// The organisers still see the per-session ratings.
		const own = (await getReport(ctx, owner, ev.slug)).report;
		expect(own.satisfaction?.sessions.map((s) => [s.title, s.average])).toEqual([['Plénière ouverte', 4]]);
	});

	it('test_yes_no_answers_read_as_words_in_the_reports_charts_and_pdf', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const plenary = await newSession(ctx.db, ev.id, { title: 'Plénière ouverte', format: 'plenary', requiresRegistration: false });
		await answeredSurvey(ev.slug, owner, plenary, [
			{ overall: 4, ten: 8, again: true, rating: 5 },
			{ overall: 5, ten: 9, again: false, rating: 3 }
		]);
		const { report } = await getReport(ctx, owner, ev.slug);
		const again = (lang: 'fr' | 'en') =>
			presentReport(report, { lang, showPerSession: true, onlyShown: true })
				.flatMap((s) => s.blocks)
				.find((b) => b.kind === 'bars' && b.text?.startsWith('Revenir'))
				?.bars?.map((b) => b.label);
		expect(again('fr')).toEqual(['Oui', 'Non']);
		expect(again('en')).toEqual(['Yes', 'No']);
		const pdf = pdfText((await reportPdfFile(report, 'fr', true)).body, { layout: false });
		expect(pdf).toContain('Oui');
		expect(pdf).not.toMatch(/\btrue\b|\bfalse\b/);
	});

	it('test_previous_edition_satisfaction_is_the_overall_rating_on_1_to_5_and_shown_beside_the_other_comparisons', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const plenary = await newSession(ctx.db, ev.id, { title: 'Plénière ouverte', format: 'plenary', requiresRegistration: false });
		// Overall 4 and 2 (average 3); the 0–10 question and the per-session ratings must not pull it.
		await answeredSurvey(ev.slug, owner, plenary, [
			{ overall: 4, ten: 10, again: true, rating: 1 },
			{ overall: 2, ten: 10, again: true, rating: 1 }
		]);
		expect((await getReport(ctx, owner, ev.slug)).report.satisfaction?.overall).toBe(3);
		const next = await prepareNextEdition(ctx, owner, ev.slug);
		const { report } = await getReport(ctx, owner, next.slug);
		expect(report.previousEdition?.figures.satisfaction).toBe(3);

		const previous = fr.participation.previous.replace('{{value}}', '3');
		const figures = presentReport(report, { lang: 'fr', showPerSession: true, onlyShown: true })
			.flatMap((s) => s.blocks)
			.flatMap((b) => b.figures ?? []);
		expect(figures.find((f) => f.label === fr.satisfaction.overall)?.value).toContain(previous);
		const pdf = pdfText((await reportPdfFile(report, 'fr', true)).body, { layout: false });
		expect(pdf).toContain(fr.satisfaction.overall);
		expect(pdf.replace(/\s+/g, ' ')).toContain(previous);
	});

	it('test_public_report_html_json_csv_pdf_hold_no_participant_name_or_email', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const s = await newSession(ctx.db, ev.id, { title: 'Atelier inclusion' });
		await newSpeaker(ctx.db, ev.id, s, 'Camille Intervenante', 'Hub');
		const people = await seedParticipants(ctx.db, ev.id, 40, { checkedIn: 31 });
		await updateReview(ctx, owner, ev.slug, {
			toImprove: [{ theme: 'logistique', text: 'Plus de chaises' }],
			toKeep: [{ theme: 'contenu', text: 'Les ateliers' }]
		});
		await updateReportSettings(ctx, owner, ev.slug, { verbatims: ['Une journée riche'] });
		await setReportPublished(ctx, owner, ev.slug, { published: true });
		const { report, showPerSession } = await getPublicReport(ctx, ev.slug);
		expect(report.participation?.attended).toBe(31);
		const json = JSON.stringify(report) + JSON.stringify(openDataOf(report, ctx.publicUrl));
		const csv = (await openDataCsv(report, ctx.publicUrl, ['indicateur', 'clé', 'valeur'])).body.toString('utf8');
		const pdf = await reportPdfFile(report, 'fr', showPerSession);
		const text = pdfText(pdf.body, { layout: false });
		expect(text).toContain('31');
		expect(text).toContain('Sommaire');
		expect(text).toContain('Une journée riche');
		expect(pdfFonts(pdf.body).every((f) => f.embedded)).toBe(true);
		for (const p of people)
			for (const needle of [p.email, `${p.firstName} ${p.lastName}`, p.lastName]) {
				expect(json).not.toContain(needle);
				expect(csv).not.toContain(needle);
				expect(text).not.toContain(needle);
			}
		expect(csv).toContain('participation;attended;31');
	});

	it('test_report_figures_from_preparation_budget_and_previous_edition', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const person = await addCommitteeMember(ctx, owner, ev.slug, { kind: 'person', name: 'Alex Coordination' });
		await addCommitteeMember(ctx, owner, ev.slug, { kind: 'structure', name: 'Médiathèque' });
		await addMeeting(ctx, owner, ev.slug, { heldOn: '2026-11-10', title: 'Lancement' });
		await addMeeting(ctx, owner, ev.slug, { heldOn: '2027-01-15', title: 'Programme' });
		await addTimeEntry(ctx, owner, ev.slug, { memberId: person.id, phase: 'framing', minutes: 90, spentOn: '2026-11-05' });
		await replaceBudget(ctx, owner, ev.slug, { lines: balancedBudgetLines() });
		const { report } = await getReport(ctx, owner, ev.slug);
		expect(report.preparation?.startedOn).toBe('2026-11-05');
		expect(report.preparation?.months).toBe(7);
		expect(report.preparation?.hours).toBe(1.5);
		expect(report.preparation?.meetings).toBe(2);
		expect(report.preparation?.people).toBe(1);
		expect(report.budget?.balanced).toBe(true);
		expect(report.budget?.chargesCents).toBeGreaterThan(0);
	});

	it('test_synthesis_saved_refused_with_script_or_empty_points', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		const s = await newSession(ctx.db, ev.id);
		await saveSynthesis(ctx, owner, ev.slug, s, {
			sections: [{ title: 'Prérequis', points: ['Un lieu', 'Du temps'] }],
			recordingUrl: 'https://video.exemple.fr/1'
		});
		expect(await issuesOf(saveSynthesis(ctx, owner, ev.slug, s, { sections: [{ title: 'Moyens', points: [''] }] }))).toEqual([
			'sections.0.points.0:errors.required'
		]);
		expect(await issuesOf(saveSynthesis(ctx, owner, ev.slug, s, { sections: [{ title: '<script>x</script>', points: ['a'] }] }))).toEqual([
			'sections.0.title:reports.errors.markup'
		]);
		expect(await issuesOf(saveSynthesis(ctx, owner, ev.slug, s, { sections: [{ title: 'Actions', points: [] }] }))).toEqual([
			'sections.0.points:reports.errors.noPoint'
		]);
		const { synthesis } = await getSynthesis(ctx, owner, ev.slug, s);
		expect(synthesis.sections).toEqual([{ title: 'Prérequis', points: ['Un lieu', 'Du temps'] }]);
		expect(synthesis.recordingUrl).toBe('https://video.exemple.fr/1');
	});

	it('test_certificate_only_for_people_who_came', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		await newSession(ctx.db, ev.id, { title: 'Atelier du matin' });
		const people = await seedParticipants(ctx.db, ev.id, 3, { checkedIn: 2 });
		const one = await getCertificate(ctx, owner, ev.slug, people[0].id, 'fr');
		const text = pdfText(one.body, { layout: false });
		expect(text).toContain(`${people[0].firstName} ${people[0].lastName}`);
		expect(text).toContain('Attestation de présence');
		await expect(getCertificate(ctx, owner, ev.slug, people[2].id, 'fr')).rejects.toBeInstanceOf(NotFoundError);
		const zip = await getAllCertificates(ctx, owner, ev.slug, 'zip', 'fr');
		expect(Object.keys(unzipSync(new Uint8Array(zip.body)))).toHaveLength(2);
		const all = await getAllCertificates(ctx, owner, ev.slug, 'pdf', 'fr');
		expect(pdfText(all.body, { layout: false })).toContain(people[1].lastName);
		const stranger = await newUser(ctx.db);
		await expect(getCertificate(ctx, stranger, ev.slug, people[0].id, 'fr')).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_certificate_lists_the_open_sessions_of_the_half_days_the_person_came', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		// seedParticipants checks people in on the morning of 10 June only.
		await newSession(ctx.db, ev.id, { title: 'Pleniere du matin', format: 'plenary', requiresRegistration: false });
		await newSession(ctx.db, ev.id, { title: 'Pause du matin', format: 'break', requiresRegistration: false });
		await newSession(ctx.db, ev.id, {
			title: 'Pleniere du lendemain',
			format: 'plenary',
			requiresRegistration: false,
			startsAt: '2027-06-11T12:30:00.000Z',
			endsAt: '2027-06-11T14:00:00.000Z'
		});
		await newSession(ctx.db, ev.id, { title: 'Atelier sur inscription' });
		const [person] = await seedParticipants(ctx.db, ev.id, 1, { checkedIn: 1 });
		const text = pdfText((await getCertificate(ctx, owner, ev.slug, person.id, 'fr')).body, { layout: false });
		expect(text).toContain('Pleniere du matin');
		expect(text).not.toContain('Pause du matin');
		expect(text).not.toContain('Pleniere du lendemain');
		expect(text).not.toContain('Atelier sur inscription');
	});

	it('test_next_edition_copies_skeleton_links_and_lists_points_to_improve', async () => {
		const owner = await newUser(ctx.db);
		const ev = await newPublishedEvent(ctx.db, owner);
		await newSession(ctx.db, ev.id, { title: 'Atelier repris' });
		await seedParticipants(ctx.db, ev.id, 10, { checkedIn: 8 });
		await updateReview(ctx, owner, ev.slug, { toImprove: [{ theme: 'logistique', text: 'Prévoir plus de chaises' }] });
		const next = await prepareNextEdition(ctx, owner, ev.slug);
		expect(next.status).toBe('draft');
		expect(next.edition).toBe(3);
		expect(Date.parse(next.startsAt) - Date.parse(ev.startsAt)).toBe(364 * 86_400_000);
		const list = await getImprovementChecklist(ctx, owner, next.slug);
		expect(list?.points.map((p) => p.title)).toEqual(['logistique : Prévoir plus de chaises']);
		await turnPointIntoTask(ctx, owner, next.slug, 0);
		expect((await getImprovementChecklist(ctx, owner, next.slug))?.points[0].isTask).toBe(true);
		const { report } = await getReport(ctx, owner, next.slug);
		expect(report.programme?.items.map((s) => s.title)).toEqual(['Atelier repris']);
		expect(report.previousEdition?.figures.attended).toBe(8);
		await expect(prepareNextEdition(ctx, owner, ev.slug)).rejects.toThrow();
		const reader = await newUser(ctx.db);
		await addTeamMember(ctx.db, ev.id, reader.id, 'readonly');
		await expect(prepareNextEdition(ctx, reader, ev.slug)).rejects.toThrow();
	});
});
