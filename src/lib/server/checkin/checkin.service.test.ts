import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newRoom, newSession, newSpeaker, registrationInput } from '../../../../tests/factories/registrations.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { browseAuditLog } from '../audit/audit.service.ts';
import { cancelRegistration, registerParticipant, type RegistrationContext } from '../registrations/registration.service.ts';
import { getRegistrationStats } from '../registrations/participants.service.ts';
import { checkIn, getArrivalCounts, getCheckinDesk, registerWalkIn, resolveCheckinCode, undoCheckIn } from './checkin.service.ts';
import { attendanceRecord, badges, halfDaySheet, sessionSheet } from './attendance.service.ts';

/** The text of a PDF, as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'maillage-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		writeFileSync(file, pdf);
		return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const AM = '2027-06-10:am';

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

		const first = await checkIn(ctx, owner, ev.slug, awa.id, AM);
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

		await undoCheckIn(ctx, owner, ev.slug, awa.id, AM);
		expect((await getArrivalCounts(ctx, owner, ev.slug, AM)).arrived).toBe(0);
		await cancelRegistration(ctx, { actor: owner }, awa.id);
		await expect(checkIn(ctx, owner, ev.slug, awa.id, AM)).rejects.toBeInstanceOf(ValidationError);
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
		for (const [first, last] of [
			['Zoé', 'Zèbre'],
			['Awa', 'Diallo'],
			['Émile', 'Ábalos']
		])
			await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: first, lastName: last, sessionIds: [s] }));
		await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({ firstName: 'Pas', lastName: 'Cematin', halfDays: ['2027-06-11:am'] })
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
		expect(session).toContain('Atelier : Atelier médiation');
		expect(session).toContain('Espace 1');
		expect(session).toContain('10 h 00 – 11 h 30');

		const badgeText = pdfText((await badges(ctx, owner, ev.slug)).body);
		for (const n of ['Awa', 'DIALLO', 'Médiateur·rice numérique']) expect(badgeText).toContain(n);

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
});
