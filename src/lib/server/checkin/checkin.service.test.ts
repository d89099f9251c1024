import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { pdfText, readQr, renderPage } from '../../../../tests/helpers/pdf.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newRoom, newSession, newSpeaker, registrationInput } from '../../../../tests/factories/registrations.ts';
import { formatTime } from '../../time.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { browseAuditLog } from '../audit/audit.service.ts';
import { checkinUrl } from '../registrations/registration-mail.ts';
import { registerParticipant, type RegistrationContext } from '../registrations/registration.service.ts';
import { cancelRegistration } from '../registrations/registration-manage.service.ts';
import { getRegistrationStats } from '../registrations/participants.service.ts';
import { checkIn, getArrivalCounts, getCheckinDesk, registerWalkIn, resolveCheckinCode, undoCheckIn } from './checkin.service.ts';
import { attendanceRecord, badges, halfDaySheet, sessionSheet } from './attendance.service.ts';
import { badgeBox } from './pdf.ts';

const AM = '2027-06-10:am';
const PM = '2027-06-10:pm';

describe.each(DIALECTS)('check-in and attendance on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	it('test_desk_finds_checks_in_once_counts_and_undoes', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const awa = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Awa', lastName: 'Diallo' }));
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({ firstName: 'Jean', lastName: 'Martin', email: 'jean.martin@exemple.fr' })
		);
		const desk = await getCheckinDesk(ctx, owner, ev.slug, { q: 'dial', halfDay: AM });
		expect(desk.people.map((p) => [p.lastName, p.arrivedAt])).toEqual([['Diallo', null]]);
		expect([desk.arrived, desk.expected]).toEqual([0, 2]);

		// Months before the event: the desk and the check-in say it is not one of its days.
		expect(desk.offDay).toBe(true);
		expect((await getCheckinDesk(ctx, owner, ev.slug, { halfDay: AM, now: new Date('2027-06-10T10:00:00+02:00') })).offDay).toBe(false);

		const first = await checkIn(ctx, owner, ev.slug, awa.id, AM);
		expect(first.offDay).toBe(true);
		const again = await checkIn(ctx, owner, ev.slug, awa.id, AM, 'qr');
		expect(first.already).toBe(false);
		expect(again).toMatchObject({ already: true, at: first.at, name: 'Awa Diallo' });
		expect(await getArrivalCounts(ctx, owner, ev.slug, AM)).toEqual({ halfDay: AM, arrived: 1, expected: 2 });
		expect((await getRegistrationStats(ctx, owner, ev.slug)).checkedIn).toBe(1);

		const code = (await t.db.selectFrom('registration').select('checkin_code').where('id', '=', awa.id).executeTakeFirstOrThrow())
			.checkin_code;
		expect(
			(await getCheckinDesk(ctx, owner, ev.slug, { code: `http://localhost:3000/inscription/accueil/${code.toLowerCase()}`, halfDay: AM }))
				.people[0].arrivedAt
		).toBe(first.at);
		expect(await resolveCheckinCode(ctx, owner, code)).toBe(ev.slug);
		await expect(resolveCheckinCode(ctx, await newUser(t.db), code)).rejects.toBeInstanceOf(NotFoundError);

		// Undoing another event's registration through this event is no success.
		const other = await newPublishedEvent(t.db, owner);
		const elsewhere = await registerParticipant(ctx, null, other.slug, registrationInput({ firstName: 'Léa', lastName: 'Roux' }));
		await checkIn(ctx, owner, other.slug, elsewhere.id, AM);
		await expect(undoCheckIn(ctx, owner, ev.slug, elsewhere.id, AM)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getArrivalCounts(ctx, owner, other.slug, AM)).arrived).toBe(1);

		expect(await undoCheckIn(ctx, owner, ev.slug, awa.id, AM)).toBe(true);
		expect((await getArrivalCounts(ctx, owner, ev.slug, AM)).arrived).toBe(0);
		expect(await undoCheckIn(ctx, owner, ev.slug, awa.id, AM)).toBe(false);
		await cancelRegistration(ctx, { actor: owner }, awa.id);
		await expect(checkIn(ctx, owner, ev.slug, awa.id, AM)).rejects.toBeInstanceOf(ValidationError);
	});

	it('test_desk_search_ignores_case_and_accents_and_keeps_its_limit', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		for (const [firstName, lastName, structure] of [
			['Émilie', 'Durand', 'Médiathèque de Limoges'],
			['Éric', 'Ørsted', 'Hub Sud'],
			['Zoë', 'Lefèvre', 'Atelier Main-d’Œuvre'],
			['Jean', 'Martin', 'Mairie de Guéret']
		])
			await registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({ firstName, lastName, structure: { name: structure, type: 'association' } })
			);
		const found = async (q: string) => (await getCheckinDesk(ctx, owner, ev.slug, { q, halfDay: AM })).people.map((p) => p.lastName);

		for (const q of ['emilie', 'EMILIE', 'Émilie', 'ÉMILIE', 'milie dur', 'durand emi']) expect(await found(q), q).toEqual(['Durand']);
		for (const q of ['eric', 'Éric', 'orsted', 'Ørsted', 'ØRSTED']) expect(await found(q), q).toEqual(['Ørsted']);
		for (const q of ['zoe', 'Zoë', 'lefevre', 'oeuvre', 'œuvre', "main d'oeuvre"]) expect(await found(q), q).toEqual(['Lefèvre']);
		expect(await found('gueret')).toEqual(['Martin']);
		expect(await found('mediatheque')).toEqual(await found('Médiathèque'));
		expect(await found('Zoltán')).toEqual([]);

		for (let n = 0; n < 31; n++)
			await registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({ firstName: 'Léa', lastName: `Lévêque ${String(n).padStart(2, '0')}` })
			);
		const leas = await found('lea leveque');
		expect(leas).toHaveLength(30);
		expect(leas[0]).toBe('Lévêque 00');
		expect(leas[29]).toBe('Lévêque 29');
	});

	it('test_walk_in_without_email_is_registered_and_checked_in', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const res = await registerWalkIn(
			ctx,
			owner,
			ev.slug,
			{ firstName: 'Lou', lastName: 'Sur-Place', email: '', structure: { name: 'Voisinage', type: 'autre' }, role: 'benevole' },
			AM
		);
		expect(res).toMatchObject({ status: 'confirmed', created: true });
		const row = await t.db
			.selectFrom('registration')
			.select(['email', 'source', 'half_days'])
			.where('id', '=', res.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ email: null, source: 'walk-in', half_days: JSON.stringify([AM]) });
		expect((await getArrivalCounts(ctx, owner, ev.slug, AM)).arrived).toBe(1);
		// Someone already registered who gives their address at the desk is simply checked in.
		const known = registrationInput();
		const before = await registerParticipant(ctx, null, ev.slug, known);
		const walk = await registerWalkIn(ctx, owner, ev.slug, { ...known, consents: {} }, AM);
		expect(walk.id).toBe(before.id);
		expect((await getArrivalCounts(ctx, owner, ev.slug, AM)).arrived).toBe(2);
		await expect(registerWalkIn(ctx, null, ev.slug, { firstName: 'X' }, AM)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_attendance_sheets_list_names_alphabetically_with_place_speakers_and_pages', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const room = await newRoom(t.db, ev.id, { name: 'Espace 1', capacity: 30 });
		const s = await newSession(t.db, ev.id, { title: 'Atelier médiation', roomId: room });
		await newSpeaker(t.db, ev.id, s, 'Claire Intervenante', 'Hub Nouvelle-Aquitaine');
		for (const [first, last, structure] of [
			['Zoé', 'Zèbre', 'Hub Sud'],
			['Awa', 'Diallo', 'Médiathèque de Limoges'],
			['Émile', 'Ábalos', 'Tiers-lieu La Fabrique']
		])
			await registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({ firstName: first, lastName: last, structure: { name: structure, type: 'association' }, sessionIds: [s] })
			);
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({
				firstName: 'Pas',
				lastName: 'Cematin',
				structure: { name: 'Mairie de Guéret', type: 'collectivite' },
				halfDays: ['2027-06-11:am']
			})
		);

		const sheet = pdfText((await halfDaySheet(ctx, owner, ev.slug, AM)).body);
		expect(sheet).toContain('Feuille d’émargement');
		expect(sheet).toContain('jeudi 10 juin 2027, matin');
		expect(sheet).toContain('Espace Noriac');
		expect(sheet).toContain('Claire Intervenante (Hub Nouvelle-Aquitaine)');
		expect(sheet).toMatch(/Page 1 \/ 1/);
		expect(sheet).not.toContain('CEMATIN');
		const order = ['ÁBALOS', 'DIALLO', 'ZÈBRE'].map((n) => sheet.indexOf(n));
		expect(order.every((i) => i > 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);

		const session = pdfText((await sessionSheet(ctx, owner, ev.slug, s)).body);
		// The format is not repeated when the title already starts with it.
		expect(session).toContain('Atelier médiation');
		expect(session).not.toContain('Atelier : Atelier');
		expect(session).toContain('Espace 1');
		expect(session).toContain('10 h 00 – 11 h 30');

		// One badge per confirmed person, in alphabetical order: name, structure, role, and a QR
		// code that opens their check-in (read back from the printed page, as a phone would).
		const badgePdf = (await badges(ctx, owner, ev.slug)).body;
		const badgeText = pdfText(badgePdf);
		for (const n of ['Émile', 'ÁBALOS', 'Tiers-lieu La Fabrique', 'Pas', 'CEMATIN', 'Mairie de Guéret', 'Awa', 'DIALLO'])
			expect(badgeText).toContain(n);
		for (const n of ['Médiathèque de Limoges', 'Zoé', 'ZÈBRE', 'Hub Sud', 'Médiateur·rice numérique']) expect(badgeText).toContain(n);
		const codes = await t.db.selectFrom('registration').select(['last_name', 'checkin_code']).where('event_id', '=', ev.id).execute();
		const urlOf = (last: string) => checkinUrl(ctx.publicUrl, codes.find((c) => c.last_name === last)!.checkin_code);
		const page = renderPage(badgePdf, 1);
		expect([0, 1, 2, 3, 4].map((i) => readQr(page, badgeBox(i)))).toEqual([
			urlOf('Ábalos'),
			urlOf('Cematin'),
			urlOf('Diallo'),
			urlOf('Zèbre'),
			null
		]);

		const record = (await attendanceRecord(ctx, owner, ev.slug, 'csv')).body.toString('utf8');
		expect(record.split('\r\n')[0]).toContain('jeudi 10 juin 2027, matin');

		const admin = await newUser(t.db, { isAdmin: true });
		const log = await browseAuditLog(t.db, admin, { eventId: ev.id });
		expect(log.entries.map((e) => e.action).sort()).toEqual([
			'attendance-record.export',
			'attendance-sheet.download',
			'attendance-sheet.download',
			'badges.download'
		]);
		expect(log.entries.every((e) => e.actorId === owner.id)).toBe(true);
		await expect(browseAuditLog(t.db, owner, {})).rejects.toBeInstanceOf(NotFoundError);
		await expect(halfDaySheet(ctx, await newUser(t.db), ev.slug, AM)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_attendance_record_xlsx_gives_each_half_day_arrival_time', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const awa = await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({ firstName: 'Awa', lastName: 'Diallo', halfDays: [AM, PM] })
		);
		await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Jean', lastName: 'Martin', halfDays: [AM] }));
		const arrival = await checkIn(ctx, owner, ev.slug, awa.id, AM);

		const file = await attendanceRecord(ctx, owner, ev.slug, 'xlsx');

		expect(file.filename).toBe(`presences-${ev.slug}.xlsx`);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(file.body as unknown as ArrayBuffer);
		const sheet = wb.getWorksheet('Présences')!;
		const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
		const header = rows[0].slice(1);
		expect(header.slice(0, 4)).toEqual(['Nom', 'Prénom', 'Structure', 'Statut']);
		const am = header.indexOf('jeudi 10 juin 2027, matin') + 1;
		const pm = header.indexOf('jeudi 10 juin 2027, après-midi') + 1;
		expect(am).toBeGreaterThan(4);
		expect(pm).toBeGreaterThan(am);
		const diallo = rows.find((r) => r[1] === 'Diallo')!;
		const martin = rows.find((r) => r[1] === 'Martin')!;
		// The time of the arrival, in Paris time, under the half-day of the arrival only.
		expect(formatTime(arrival.at, 'fr')).toMatch(/^\d{1,2} h \d{2}$/);
		expect(diallo[am]).toBe(formatTime(arrival.at, 'fr'));
		expect(diallo[pm] ?? '').toBe('');
		expect(martin[2]).toBe('Jean');
		expect(martin[am] ?? '').toBe('');
		expect(rows).toHaveLength(3);
	});
});
