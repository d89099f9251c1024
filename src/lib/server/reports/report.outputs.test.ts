import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { pdfFonts, pdfText } from '../../../../tests/helpers/pdf.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker } from '../../../../tests/factories/registrations.ts';
import { addTeamMember, balancedBudgetLines } from '../../../../tests/factories/preparation.ts';
import { seedParticipants } from '../../../../tests/factories/reports.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { replaceBudget } from '../budget/budget.service.ts';
import { addCommitteeMember, addMeeting, addTimeEntry } from '../planning/committee.service.ts';
import { NotFoundError } from '../validation.ts';
import { getAllCertificates, getCertificate } from './certificate.service.ts';
import { openDataCsv, openDataOf, reportPdfFile } from './report.export.ts';
import { getPublicReport, getReport, setReportPublished, updateReportSettings, updateReview } from './report.service.ts';
import { getSynthesis, saveSynthesis } from './synthesis.service.ts';
import { getImprovementChecklist, prepareNextEdition, turnPointIntoTask } from './next-edition.service.ts';

describe.each(DIALECTS)('report outputs (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

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
		expect(report.participation.attended).toBe(31);
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
		expect(report.preparation.startedOn).toBe('2026-11-05');
		expect(report.preparation.months).toBe(7);
		expect(report.preparation.hours).toBe(1.5);
		expect(report.preparation.meetings).toBe(2);
		expect(report.preparation.people).toBe(1);
		expect(report.budget.balanced).toBe(true);
		expect(report.budget.chargesCents).toBeGreaterThan(0);
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
		expect(report.programme.items.map((s) => s.title)).toEqual(['Atelier repris']);
		expect(report.previousEdition?.figures.attended).toBe(8);
		await expect(prepareNextEdition(ctx, owner, ev.slug)).rejects.toThrow();
		const reader = await newUser(ctx.db);
		await addTeamMember(ctx.db, ev.id, reader.id, 'readonly');
		await expect(prepareNextEdition(ctx, reader, ev.slug)).rejects.toThrow();
	});
});
