import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import {
	DAY1,
	DAY2,
	bigEventDates,
	newProgrammeEvent,
	paris,
	publish,
	roomInput,
	seedProgramme,
	sessionInput,
	speakerInput
} from '../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { createRoom, deleteRoom, listRooms, moveRoom, updateRoom } from './room.service.ts';
import {
	addResourceFile,
	addResourceLink,
	createSession,
	deleteResource,
	deleteSession,
	nudgeSession,
	updateSession
} from './session.service.ts';
import { createSpeaker, updateSpeaker } from './speaker.service.ts';
import { getProgrammeSettings, getPublicProgramme, getTeamProgramme, listConflicts, updateProgrammeSettings } from './programme.service.ts';

/** Counts the SQL statements a Kysely instance runs. */
function countingPlugin() {
	const plugin: KyselyPlugin & { count: number } = {
		count: 0,
		transformQuery(args) {
			plugin.count++;
			return args.node;
		},
		async transformResult(args) {
			return args.result;
		}
	};
	return plugin;
}

describe.each(DIALECTS)('programme on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_createRoom_rooms_listed_in_their_order_and_reorderable', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const scene = await createRoom(ctx, owner, event.slug, {
			name: 'Grande scène',
			capacity: 200,
			accessibilityNotes: 'Boucle magnétique'
		});
		const e1 = await createRoom(ctx, owner, event.slug, { name: 'Espace 1' });
		expect(scene).toMatchObject({ name: 'Grande scène', capacity: 200, accessibilityNotes: 'Boucle magnétique', position: 0 });
		expect(e1).toMatchObject({ capacity: null, accessibilityNotes: '', position: 1 });
		await moveRoom(ctx, owner, event.slug, e1.id, 'up');
		expect((await listRooms(ctx, owner, event.slug)).map((r) => r.name)).toEqual(['Espace 1', 'Grande scène']);
		const renamed = await updateRoom(ctx, owner, event.slug, scene.id, { name: 'Amphithéâtre', capacity: null });
		expect(renamed).toMatchObject({ name: 'Amphithéâtre', capacity: null, accessibilityNotes: 'Boucle magnétique' });
		expect(await issuesOf(createRoom(ctx, owner, event.slug, { name: ' ', capacity: 0 }))).toEqual([
			'name:errors.required',
			'capacity:errors.tooSmall'
		]);
	});

	it('test_createSession_without_end_lasts_its_format_default_duration', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const room = await createRoom(ctx, owner, event.slug, roomInput());
		const pitch = await createSession(ctx, owner, event.slug, {
			title: 'Pitchs',
			format: 'pitch',
			startsAt: paris(DAY1, '14:00'),
			roomId: room.id
		});
		expect(pitch).toMatchObject({ startsAt: '2027-06-10T14:00:00+02:00', endsAt: '2027-06-10T14:10:00+02:00', room: { id: room.id } });
		const workshop = await createSession(ctx, owner, event.slug, {
			title: 'Atelier',
			format: 'workshop',
			startsAt: `${DAY1}T15:00`,
			endsAt: null
		});
		expect(workshop.endsAt).toBe('2027-06-10T16:30:00+02:00');
		expect(workshop.url).toBe(`http://localhost:3000/e/${event.slug}/programme/${workshop.id}`);
	});

	it('test_createSession_outside_the_event_or_ending_before_it_starts_is_refused_and_nothing_stored', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		expect(
			await issuesOf(
				createSession(
					ctx,
					owner,
					event.slug,
					sessionInput({ startsAt: paris('2027-06-12', '10:00'), endsAt: paris('2027-06-12', '11:00') })
				)
			)
		).toEqual(['startsAt:programme.errors.outsideEvent', 'endsAt:programme.errors.outsideEvent']);
		expect(
			await issuesOf(createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '08:00'), endsAt: paris(DAY1, '09:30') })))
		).toEqual(['startsAt:programme.errors.outsideEvent']);
		expect(
			await issuesOf(createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '11:00'), endsAt: paris(DAY1, '10:00') })))
		).toEqual(['endsAt:programme.errors.endBeforeStart']);
		expect(
			await issuesOf(createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '16:00'), endsAt: paris(DAY2, '10:00') })))
		).toEqual(['endsAt:programme.errors.spansDays']);
		expect(await issuesOf(createSession(ctx, owner, event.slug, sessionInput({ format: 'conference', startsAt: 'demain' })))).toEqual([
			'format:errors.invalidChoice',
			'startsAt:errors.dateTime'
		]);
		expect((await getTeamProgramme(ctx, owner, event.slug)).sessions).toEqual([]);
	});

	it('test_createSession_unknown_room_speaker_or_theme_is_refused', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const other = await newProgrammeEvent(ctx);
		const foreignRoom = await createRoom(ctx, other.owner, other.event.slug, roomInput());
		const foreignSpeaker = await createSpeaker(ctx, other.owner, other.event.slug, speakerInput());
		const mine = await createSpeaker(ctx, owner, event.slug, speakerInput());
		expect(
			await issuesOf(
				createSession(
					ctx,
					owner,
					event.slug,
					sessionInput({
						roomId: foreignRoom.id,
						speakerIds: [mine.id, foreignSpeaker.id, mine.id],
						themes: ['Médiation numérique', 'Cuisine']
					})
				)
			)
		).toEqual([
			'roomId:programme.errors.unknownRoom',
			'speakerIds.1:programme.errors.unknownSpeaker',
			'speakerIds.2:programme.errors.duplicateSpeaker',
			'themes.1:programme.errors.unknownTheme'
		]);
		expect(
			await issuesOf(createSession(ctx, owner, event.slug, sessionInput({ speakers: [{ speakerId: 'nope', part: 'host' }] })))
		).toEqual(['speakers.0.speakerId:programme.errors.unknownSpeaker']);
		expect((await getTeamProgramme(ctx, owner, event.slug)).sessions).toEqual([]);
	});

	it('test_createSession_full_input_round_trips_with_speakers_parts_and_audience', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const room = await createRoom(ctx, owner, event.slug, roomInput({ name: 'Espace 1', capacity: 40 }));
		const awa = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa Diallo' }));
		const paul = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Paul Martin' }));
		const s = await createSession(ctx, owner, event.slug, {
			title: 'OFF des coordinateurs <script>alert(1)</script>',
			format: 'round-table',
			description: 'Retours d’expérience.',
			themes: ['Numérique responsable'],
			startsAt: paris(DAY1, '14:00'),
			endsAt: paris(DAY1, '15:30'),
			roomId: room.id,
			speakers: [
				{ speakerId: paul.id, part: 'moderator' },
				{ speakerId: awa.id, part: 'speaker' }
			],
			audience: ['coordinateur'],
			expectedAttendance: 25,
			capacity: 30,
			requiresRegistration: true
		});
		expect(s).toMatchObject({
			title: 'OFF des coordinateurs <script>alert(1)</script>',
			format: 'round-table',
			themes: ['Numérique responsable'],
			room: { id: room.id, name: 'Espace 1' },
			speakerIds: [paul.id, awa.id],
			speakers: [
				{ speakerId: paul.id, part: 'moderator', name: 'Paul Martin' },
				{ speakerId: awa.id, part: 'speaker', name: 'Awa Diallo' }
			],
			audience: ['coordinateur'],
			expectedAttendance: 25,
			capacity: 30,
			requiresRegistration: true,
			synthesis: '',
			synthesisPublished: false
		});
	});

	it('test_updateSession_moving_the_start_keeps_the_length_and_patch_keeps_the_rest', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const awa = await createSpeaker(ctx, owner, event.slug, speakerInput());
		const s = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ startsAt: paris(DAY1, '10:00'), endsAt: paris(DAY1, '11:30'), speakerIds: [awa.id] })
		);
		const moved = await updateSession(ctx, owner, event.slug, s.id, { startsAt: paris(DAY2, '14:00') });
		expect([moved.startsAt, moved.endsAt]).toEqual(['2027-06-11T14:00:00+02:00', '2027-06-11T15:30:00+02:00']);
		expect(moved.speakerIds).toEqual([awa.id]);
		expect(moved.title).toBe(s.title);
		const resized = await updateSession(ctx, owner, event.slug, s.id, { endsAt: paris(DAY2, '16:00'), speakerIds: [] });
		expect([resized.startsAt, resized.endsAt, resized.speakerIds]).toEqual(['2027-06-11T14:00:00+02:00', '2027-06-11T16:00:00+02:00', []]);
		expect(await issuesOf(updateSession(ctx, owner, event.slug, s.id, { endsAt: paris(DAY2, '13:00') }))).toEqual([
			'endsAt:programme.errors.endBeforeStart'
		]);
		expect(await issuesOf(updateSession(ctx, owner, event.slug, s.id, { colour: 'rouge' }))).toEqual(['colour:errors.unknownField']);
		const published = await updateSession(ctx, owner, event.slug, s.id, {
			synthesis: 'Trois pistes : prérequis, moyens, actions.',
			synthesisPublished: true
		});
		expect(published).toMatchObject({ synthesis: 'Trois pistes : prérequis, moyens, actions.', synthesisPublished: true });
	});

	it('test_sessions_are_stored_in_utc_and_listed_in_time_order_whatever_the_input_form', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const late = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ title: 'B', startsAt: `${DAY1}T10:15`, endsAt: `${DAY1}T11:00` })
		);
		const earliest = await createSession(ctx, owner, event.slug, sessionInput({ title: 'A', startsAt: '2027-06-10T09:00', endsAt: null }));
		const early = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ title: 'C', startsAt: '2027-06-10T07:15:00Z', endsAt: '2027-06-10T07:45:00Z' })
		);
		await nudgeSession(ctx, owner, event.slug, late.id, 'earlier');
		const rows = await t.db.selectFrom('session').select(['id', 'starts_at']).where('event_id', '=', event.id).execute();
		for (const r of rows) expect(String(typeof r.starts_at === 'string' ? r.starts_at : (r.starts_at as Date).toISOString())).toMatch(/Z$/);
		expect((await getTeamProgramme(ctx, owner, event.slug)).sessions.map((s) => s.id)).toEqual([earliest.id, early.id, late.id]);
	});

	it('test_nudgeSession_moves_resizes_and_changes_room_by_steps', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const a = await createRoom(ctx, owner, event.slug, roomInput({ name: 'A' }));
		const b = await createRoom(ctx, owner, event.slug, roomInput({ name: 'B' }));
		const s = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ startsAt: paris(DAY1, '10:00'), endsAt: paris(DAY1, '11:00'), roomId: a.id })
		);
		let v = await nudgeSession(ctx, owner, event.slug, s.id, 'later');
		expect([v.startsAt, v.endsAt]).toEqual(['2027-06-10T10:15:00+02:00', '2027-06-10T11:15:00+02:00']);
		v = await nudgeSession(ctx, owner, event.slug, s.id, 'longer');
		expect(v.endsAt).toBe('2027-06-10T11:30:00+02:00');
		v = await nudgeSession(ctx, owner, event.slug, s.id, 'shorter');
		expect(v.endsAt).toBe('2027-06-10T11:15:00+02:00');
		v = await nudgeSession(ctx, owner, event.slug, s.id, 'earlier');
		expect([v.startsAt, v.endsAt]).toEqual(['2027-06-10T10:00:00+02:00', '2027-06-10T11:00:00+02:00']);
		v = await nudgeSession(ctx, owner, event.slug, s.id, 'room-next');
		expect(v.roomId).toBe(b.id);
		v = await nudgeSession(ctx, owner, event.slug, s.id, 'room-next');
		expect(v.roomId).toBe(a.id);
		// A nudge never takes a session out of the event: 9:00 is its first minute.
		await nudgeSession(ctx, owner, event.slug, s.id, 'earlier');
		await nudgeSession(ctx, owner, event.slug, s.id, 'earlier');
		await nudgeSession(ctx, owner, event.slug, s.id, 'earlier');
		await nudgeSession(ctx, owner, event.slug, s.id, 'earlier');
		expect(await issuesOf(nudgeSession(ctx, owner, event.slug, s.id, 'earlier'))).toEqual(['startsAt:programme.errors.outsideEvent']);
	});

	it('test_warnings_come_back_with_the_saved_session_and_never_block_a_save', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const room = await createRoom(ctx, owner, event.slug, roomInput({ name: 'Espace 1', capacity: 20 }));
		const a = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ title: 'Atelier A', roomId: room.id, startsAt: paris(DAY1, '10:00'), endsAt: paris(DAY1, '11:00') })
		);
		expect(a.warnings.map((w) => w.kind)).toEqual(['no-informal-time']);
		const b = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({
				title: 'Atelier B',
				roomId: room.id,
				startsAt: paris(DAY1, '10:30'),
				endsAt: paris(DAY1, '11:30'),
				expectedAttendance: 35
			})
		);
		expect(b.warnings.map((w) => w.kind)).toEqual(['room-overlap', 'over-capacity', 'no-informal-time']);
		expect(b.warnings[0]).toMatchObject({
			sessionIds: [a.id, b.id],
			message: expect.stringContaining('« Atelier A » et « Atelier B » ont lieu en même temps')
		});
		const conflicts = await listConflicts(ctx, owner, event.slug);
		expect(conflicts.map((c) => c.kind)).toEqual(['room-overlap', 'over-capacity', 'no-informal-time']);
		expect((await listConflicts(ctx, owner, event.slug, 'en'))[0].message).toContain('take place at the same time');
		// Fixing: move B after A with a break, add a coffee break.
		await updateSession(ctx, owner, event.slug, b.id, { startsAt: paris(DAY1, '11:15'), expectedAttendance: 20 });
		expect((await listConflicts(ctx, owner, event.slug)).map((c) => c.kind)).toEqual(['no-informal-time']);
		await createSession(ctx, owner, event.slug, {
			title: 'Café',
			format: 'break',
			startsAt: paris(DAY1, '11:00'),
			endsAt: paris(DAY1, '11:15')
		});
		expect(await listConflicts(ctx, owner, event.slug)).toEqual([]);
	});

	it('test_updateProgrammeSettings_min_break_drives_no_breathing_time', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		await createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '10:00'), endsAt: paris(DAY1, '11:00') }));
		await createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '11:10'), endsAt: paris(DAY1, '12:00') }));
		await createSession(ctx, owner, event.slug, {
			title: 'Déjeuner',
			format: 'social',
			startsAt: paris(DAY1, '12:00'),
			endsAt: paris(DAY1, '13:30')
		});
		expect((await getTeamProgramme(ctx, owner, event.slug)).event.minBreakMinutes).toBe(15);
		expect((await listConflicts(ctx, owner, event.slug)).map((c) => c.kind)).toEqual(['no-breathing-time']);
		const saved = await updateProgrammeSettings(ctx, owner, event.slug, { minBreakMinutes: 10 });
		expect(await listConflicts(ctx, owner, event.slug)).toEqual([]);
		expect(await getProgrammeSettings(ctx, owner, event.slug)).toEqual({ minBreakMinutes: 10, version: saved.version });
		await expect(getProgrammeSettings(ctx, await newUser(t.db), event.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect(await issuesOf(updateProgrammeSettings(ctx, owner, event.slug, { minBreakMinutes: -5 }))).toEqual([
			'minBreakMinutes:errors.tooSmall'
		]);
	});

	it('test_outsiders_get_not_found_and_readonly_members_forbidden', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await t.db
			.insertInto('event_member')
			.values({ event_id: event.id, user_id: reader.id, role: 'readonly', created_at: new Date().toISOString() })
			.execute();
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		for (const actor of [stranger, null]) {
			await expect(createRoom(ctx, actor, event.slug, roomInput())).rejects.toBeInstanceOf(NotFoundError);
			await expect(createSession(ctx, actor, event.slug, sessionInput())).rejects.toBeInstanceOf(NotFoundError);
			await expect(updateSession(ctx, actor, event.slug, s.id, { title: 'Piraté' })).rejects.toBeInstanceOf(NotFoundError);
			await expect(deleteSession(ctx, actor, event.slug, s.id)).rejects.toBeInstanceOf(NotFoundError);
			await expect(listConflicts(ctx, actor, event.slug)).rejects.toBeInstanceOf(NotFoundError);
			await expect(getPublicProgramme(ctx, actor, event.slug)).rejects.toBeInstanceOf(NotFoundError);
		}
		await expect(createSession(ctx, reader, event.slug, sessionInput())).rejects.toBeInstanceOf(ForbiddenError);
		await expect(updateSession(ctx, reader, event.slug, s.id, { title: 'Non' })).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getTeamProgramme(ctx, reader, event.slug)).sessions.map((x) => x.title)).toEqual([s.title]);
		// Published: everyone reads, still nobody else writes.
		await publish(ctx, owner, event.slug);
		expect((await getPublicProgramme(ctx, null, event.slug)).sessions.map((x) => x.id)).toEqual([s.id]);
		await expect(updateSession(ctx, stranger, event.slug, s.id, { title: 'Piraté' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(listConflicts(ctx, stranger, event.slug)).rejects.toBeInstanceOf(NotFoundError);
		// A session id of another event is not found through this event.
		const other = await newProgrammeEvent(ctx);
		await expect(updateSession(ctx, other.owner, other.event.slug, s.id, { title: 'X' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_public_programme_leaves_out_private_speaker_data_unconfirmed_speakers_and_unpublished_synthesis', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const awa = await createSpeaker(
			ctx,
			owner,
			event.slug,
			speakerInput({ name: 'Awa', email: 'awa@example.org', travelCostCents: 12000, status: 'confirmed' })
		);
		const bob = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Bob', status: 'declined' }));
		// Invited, no answer yet: not announced to visitors.
		const chloe = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Chloé', status: 'invited' }));
		const s = await createSession(
			ctx,
			owner,
			event.slug,
			sessionInput({ speakerIds: [awa.id, bob.id, chloe.id], synthesis: 'Brouillon de synthèse' })
		);
		await publish(ctx, owner, event.slug);
		const pub = await getPublicProgramme(ctx, null, event.slug);
		expect(pub.speakers.map((x) => x.name)).toEqual(['Awa']);
		expect(pub.speakers[0]).not.toHaveProperty('email');
		expect(pub.speakers[0]).not.toHaveProperty('travelCostCents');
		expect(pub.sessions[0]).toMatchObject({ speakerIds: [awa.id], synthesis: '' });
		const team = await getTeamProgramme(ctx, owner, event.slug);
		expect(team.speakers.map((x) => [x.name, x.email, x.travelCostCents, x.status])).toEqual([
			['Awa', 'awa@example.org', 12000, 'confirmed'],
			['Bob', null, null, 'declined'],
			['Chloé', null, null, 'invited']
		]);
		expect(team.sessions[0].synthesis).toBe('Brouillon de synthèse');
		await updateSession(ctx, owner, event.slug, s.id, { synthesisPublished: true });
		await updateSpeaker(ctx, owner, event.slug, bob.id, { status: 'confirmed' });
		const after = await getPublicProgramme(ctx, null, event.slug);
		expect(after.sessions[0]).toMatchObject({ synthesis: 'Brouillon de synthèse', speakerIds: [awa.id, bob.id] });
	});

	it('test_deleteRoom_keeps_its_sessions_without_a_room', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const room = await createRoom(ctx, owner, event.slug, roomInput());
		const s = await createSession(ctx, owner, event.slug, sessionInput({ roomId: room.id }));
		await deleteRoom(ctx, owner, event.slug, room.id);
		const p = await getTeamProgramme(ctx, owner, event.slug);
		expect(p.rooms).toEqual([]);
		expect(p.sessions.map((x) => [x.id, x.roomId])).toEqual([[s.id, null]]);
	});

	it('test_resources_links_and_files_are_checked_and_deleted_with_their_session', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		const link = await addResourceLink(ctx, owner, event.slug, s.id, { title: 'Diaporama', url: 'https://exemple.org/diapos' });
		expect(link).toMatchObject({ kind: 'link', title: 'Diaporama', url: 'https://exemple.org/diapos' });
		expect(await issuesOf(addResourceLink(ctx, owner, event.slug, s.id, { title: 'X', url: 'javascript:alert(1)' }))).toEqual([
			'url:errors.url'
		]);
		const pdf = Buffer.from('%PDF-1.4\n% un petit document\n');
		const file = await addResourceFile(ctx, owner, event.slug, s.id, { title: '', upload: { filename: 'synthese.pdf', data: pdf } });
		expect(file).toMatchObject({ kind: 'file', title: 'synthese.pdf', filename: 'synthese.pdf', size: pdf.length });
		expect(file.url).toMatch(new RegExp(`/e/${event.slug}/programme/fichiers/[0-9a-f-]{36}$`));
		expect(
			await issuesOf(addResourceFile(ctx, owner, event.slug, s.id, { upload: { filename: 'virus.exe', data: Buffer.from('MZ\x90\x00') } }))
		).toEqual(['file:programme.errors.fileType']);
		expect(
			await issuesOf(addResourceFile(ctx, owner, event.slug, s.id, { upload: { filename: 'faux.pdf', data: Buffer.from('<html>') } }))
		).toEqual(['file:programme.errors.fileType']);
		const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
		big.write('%PDF');
		expect(await issuesOf(addResourceFile(ctx, owner, event.slug, s.id, { upload: { filename: 'lourd.pdf', data: big } }))).toEqual([
			'file:programme.errors.fileTooBig'
		]);
		expect((await getTeamProgramme(ctx, owner, event.slug)).sessions[0].resources.map((r) => r.title)).toEqual([
			'Diaporama',
			'synthese.pdf'
		]);
		await deleteResource(ctx, owner, event.slug, s.id, link.id);
		expect((await getTeamProgramme(ctx, owner, event.slug)).sessions[0].resources.map((r) => r.title)).toEqual(['synthese.pdf']);
		await deleteSession(ctx, owner, event.slug, s.id);
		expect(await t.db.selectFrom('stored_file').select('id').where('event_id', '=', event.id).execute()).toEqual([]);
	});

	it('test_programme_is_read_in_the_same_number_of_queries_for_4_and_40_sessions', async () => {
		const counts: Record<string, number[]> = { public: [], team: [] };
		for (const size of [4, 40]) {
			const { owner, event } = await newProgrammeEvent(ctx, bigEventDates);
			const seeded = await seedProgramme(ctx, owner, event.slug, { rooms: 3, speakers: 60, sessions: size });
			expect(seeded.sessionIds).toHaveLength(size);
			await publish(ctx, owner, event.slug);
			for (const who of ['public', 'team'] as const) {
				const plugin = countingPlugin();
				const counted = { ...ctx, db: t.db.withPlugin(plugin) };
				const p =
					who === 'public' ? await getPublicProgramme(counted, null, event.slug) : await getTeamProgramme(counted, owner, event.slug);
				expect(p.sessions).toHaveLength(size);
				counts[who].push(plugin.count);
			}
		}
		expect(counts.public[0]).toBe(counts.public[1]);
		expect(counts.team[0]).toBe(counts.team[1]);
		expect(counts.public[0]).toBeLessThanOrEqual(8);
	});

	it('test_seeded_two_day_programme_has_no_warning', async () => {
		const { owner, event } = await newProgrammeEvent(ctx, bigEventDates);
		await seedProgramme(ctx, owner, event.slug, { rooms: 3, speakers: 60, sessions: 40 });
		const p = await getTeamProgramme(ctx, owner, event.slug);
		expect(p.conflicts).toEqual([]);
		expect(p.days).toEqual([DAY1, DAY2]);
	});
});
