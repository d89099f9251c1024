import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { NotFoundError } from '../validation.ts';
import { toIso } from '../db/time.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { updateRegistrationSettings } from './registration-settings.service.ts';
import {
	exportParticipants,
	exportSessionList,
	getParticipant,
	getParticipantForApi,
	getRegistrationStats,
	getSessionList,
	importParticipants,
	listParticipants
} from './participants.service.ts';

describe.each(DIALECTS)('participants on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	async function setup() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const s = await newSession(t.db, ev.id, { title: 'Atelier communs', capacity: 1 });
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({
				lastName: 'Zola',
				role: 'elu',
				structure: { name: 'Mairie de Guéret', type: 'collectivite' },
				inseeCode: '23096',
				sessionIds: [s]
			})
		);
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({ lastName: 'Abel', structure: { name: '=HYPERLINK("http://x")', type: 'association' }, sessionIds: [s] })
		);
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({
				lastName: 'Martin',
				role: 'elu',
				structure: { name: 'mairie de guéret', type: 'collectivite' },
				inseeCode: '23096'
			})
		);
		return { owner, ev, s };
	}

	it('test_list_filters_by_role_territory_session_and_status', async () => {
		const { owner, ev, s } = await setup();
		const names = async (filter: Record<string, string>) =>
			(await listParticipants(ctx, owner, ev.slug, filter)).participants.map((p) => p.lastName.split(' ')[0]);
		expect(await names({})).toEqual(['Abel', 'Martin', 'Zola']);
		expect(await names({ role: 'elu' })).toEqual(['Martin', 'Zola']);
		expect(await names({ departement: '87' })).toEqual(['Abel']);
		expect(await names({ sessionId: s, seatStatus: 'waitlisted' })).toEqual(['Abel']);
		expect(await names({ structureType: 'collectivite', q: 'zol' })).toEqual(['Zola']);
		await expect(listParticipants(ctx, await newUser(t.db), ev.slug)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_list_search_ignores_case_and_accents_in_names_structures_and_emails', async () => {
		const { owner, ev } = await setup();
		for (const [firstName, lastName, structure, email] of [
			['Émilie', 'Durand', 'Médiathèque de Limoges', 'emilie.durand@exemple.fr'],
			['Zoë', 'Ørsted', 'Atelier Main-d’Œuvre', 'zoe@exemple.fr'],
			['Søren', 'Kœnig', 'Straße Kollektiv', 'SOREN.KOENIG@Exemple.fr']
		])
			await registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({ firstName, lastName, email, structure: { name: structure, type: 'association' } })
			);
		const names = async (q: string, filter: Record<string, string> = {}) =>
			(await listParticipants(ctx, owner, ev.slug, { ...filter, q })).participants.map((p) => p.lastName);

		for (const q of ['emilie', 'EMILIE', 'Émilie', 'durand émi']) expect(await names(q), q).toEqual(['Durand']);
		for (const q of ['zoe', 'ZOË', 'orsted', 'Ørsted', 'oeuvre', 'Œuvre']) expect(await names(q), q).toEqual(['Ørsted']);
		for (const q of ['koenig', 'Kœnig', 'soren', 'strasse', 'Straße', 'soren.koenig@exemple']) expect(await names(q), q).toEqual(['Kœnig']);
		expect(await names('mairie de gueret')).toEqual(await names('MAIRIE DE GUÉRET'));
		expect((await names('gueret')).map((n) => n.split(' ')[0])).toEqual(['Martin', 'Zola']);
		expect((await names('gueret', { role: 'elu', structureType: 'collectivite' })).map((n) => n.split(' ')[0])).toEqual(['Martin', 'Zola']);
		expect(await names('emilie', { status: 'cancelled' })).toEqual([]);
		expect(await names('Zoltán')).toEqual([]);
	});

	it('test_stats_are_the_figures_organisers_report', async () => {
		const { owner, ev, s } = await setup();
		const stats = await getRegistrationStats(ctx, owner, ev.slug);
		expect(stats).toMatchObject({
			participants: 3,
			structures: 2,
			elus: 2,
			waitlisted: 0,
			byStructureType: { collectivite: 2, association: 1 },
			byDepartement: { '23': 2, '87': 1 },
			sessions: [{ id: s, title: 'Atelier communs', capacity: 1, confirmed: 1, waitlisted: 1, checkedIn: 0 }]
		});
	});

	it('test_exports_csv_and_xlsx_are_french_safe_and_audited', async () => {
		const { owner, ev, s } = await setup();
		const csv = await exportParticipants(ctx, owner, ev.slug, {}, 'csv');
		const text = csv.body.toString('utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const lines = text.slice(1).trim().split('\r\n');
		expect(lines[0].split(';').slice(0, 4)).toEqual(['Statut', 'Nom', 'Prénom', 'E-mail']);
		expect(lines).toHaveLength(4);
		// A formula typed as a structure name stays text.
		expect(text).toContain(`'=HYPERLINK(""http://x"")`);
		expect(text).toContain('Élu·e');

		const xlsx = await exportParticipants(ctx, owner, ev.slug, { role: 'elu' }, 'xlsx');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
		const sheet = wb.worksheets[0];
		expect(sheet.rowCount).toBe(3);
		expect(sheet.getRow(2).getCell(2).value).toMatch(/^Martin/);

		const list = await exportSessionList(ctx, owner, ev.slug, s, 'csv');
		expect(list.body.toString('utf8')).toContain('Liste d’attente;1;Abel');
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'subject', 'details'])
			.where('event_id', '=', ev.id)
			.orderBy('at')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['participants.export', 'participants.export', 'session-list.export']);
		expect(JSON.parse(audit[1].details)).toMatchObject({ format: 'xlsx', rows: 2, filter: { role: 'elu' } });
	});

	it('test_getParticipantForApi_writes_who_read_which_registration_and_when_to_the_audit_log', async () => {
		const { owner, ev } = await setup();
		const [someone] = (await listParticipants(ctx, owner, ev.slug)).participants;
		const auditOf = () =>
			t.db.selectFrom('audit_log').selectAll().where('event_id', '=', ev.id).where('action', '=', 'registration.read-api').execute();
		const before = new Date().toISOString();

		const read = await getParticipantForApi(ctx, owner, someone.id);

		const after = new Date().toISOString();
		expect(read).toMatchObject({ id: someone.id, email: someone.email });
		const [row, ...more] = await auditOf();
		expect(more).toEqual([]);
		expect(row).toMatchObject({ actor_id: owner.id, actor_label: owner.email, event_label: ev.title, subject: someone.id });
		expect(toIso(row.at)! >= before && toIso(row.at)! <= after).toBe(true);
		// Someone outside the team reads nothing and leaves no line; the organisers' own screen
		// (getParticipant) is not an API read.
		await expect(getParticipantForApi(ctx, await newUser(t.db), someone.id)).rejects.toBeInstanceOf(NotFoundError);
		await getParticipant(ctx, owner, someone.id);
		expect(await auditOf()).toHaveLength(1);
	});

	it('test_session_list_gives_seats_by_name_then_the_waiting_list_in_order', async () => {
		const { owner, ev, s } = await setup();
		await registerParticipant(ctx, null, ev.slug, registrationInput({ lastName: 'Bernard', sessionIds: [s] }));
		const list = await getSessionList(ctx, owner, ev.slug, s);
		expect(list.confirmed.map((p) => p.lastName.split(' ')[0])).toEqual(['Zola']);
		expect(list.waitlist.map((p) => [p.lastName.split(' ')[0], p.position])).toEqual([
			['Abel', 1],
			['Bernard', 2]
		]);
	});

	it('test_import_registers_good_lines_and_reports_bad_ones_in_french', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 2, waitlistEnabled: true });
		const csv = [
			'Prénom,Nom,Courriel,Organisme,Type,Fonction,Ville',
			'Jean,Martin,jean@example.org,Mairie,Collectivité,Élu·e,Guéret',
			'Lina,Petit,lina@example.org,Fablab du coin,Tiers-lieu,Médiatrice numérique,87085',
			'Sam,Sans,pas-une-adresse,X,,,',
			'Théo,Dupuis,theo@example.org,Asso,association,bénévole,',
			'Jean,Martin,jean@example.org,Mairie,Collectivité,Élu·e,Guéret'
		].join('\n');
		const report = await importParticipants(ctx, owner, ev.slug, csv, { sendConfirmation: false });
		expect(report).toMatchObject({ lines: 5, created: 2, waitlisted: 1, existing: 1 });
		expect(report.errors).toEqual([{ line: 4, name: 'Sam Sans', messages: ['E-mail : Indiquez une adresse e-mail valable.'] }]);
		const rows = await t.db
			.selectFrom('registration')
			.select(['email', 'role', 'structure_type', 'departement', 'source'])
			.where('event_id', '=', ev.id)
			.orderBy('email')
			.execute();
		expect(rows).toEqual([
			{ email: 'jean@example.org', role: 'elu', structure_type: 'collectivite', departement: '23', source: 'import' },
			{ email: 'lina@example.org', role: 'mediateur-numerique', structure_type: 'tiers-lieu', departement: '87', source: 'import' },
			{ email: 'theo@example.org', role: 'benevole', structure_type: 'association', departement: '87', source: 'import' }
		]);
		expect(await t.db.selectFrom('mail_message').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
		const audit = await t.db.selectFrom('audit_log').select(['action', 'subject']).where('event_id', '=', ev.id).execute();
		expect(audit).toEqual([{ action: 'participants.import', subject: '5 lignes' }]);
	});
});

describe.each(DIALECTS)('catering counts on %s', (dialect) => {
	it('test_catering_counts_lunches_diets_and_notes', async () => {
		const t = await openTestDb(dialect);
		try {
			const ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
			const owner = await newUser(t.db);
			const ev = await newPublishedEvent(t.db, owner);
			await registerParticipant(ctx, null, ev.slug, registrationInput({ meal: true, diets: ['vegetarian'] }));
			await registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({
					meal: true,
					diets: ['vegetarian', 'gluten-free'],
					dietDetails: 'arachides',
					consents: { terms: true, sensitive: true }
				})
			);
			await registerParticipant(ctx, null, ev.slug, registrationInput({ meal: false, diets: ['vegan'] }));
			const { getCateringCounts } = await import('./participants.service.ts');
			expect(await getCateringCounts(ctx, owner, ev.slug)).toEqual({
				participants: 2,
				diets: { vegetarian: 2, 'gluten-free': 1 },
				notes: ['arachides']
			});
		} finally {
			await t.close();
		}
	});
});
