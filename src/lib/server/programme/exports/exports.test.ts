import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DIALECTS, openTestDb, type TestDb } from '../../../../../tests/helpers/db.ts';
import { DAY1, DAY2, newProgrammeEvent, paris, publish, roomInput, speakerInput } from '../../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../../events/event.service.ts';
import { createRoom } from '../room.service.ts';
import { addResourceLink, createSession } from '../session.service.ts';
import { createSpeaker } from '../speaker.service.ts';
import { getPublicProgramme, getTeamProgramme, type Programme } from '../programme.service.ts';
import { programmeToIcal } from './ical.ts';
import { programmeToFrab } from './frab.ts';
import { inertCell, programmeToCsv } from './csv.ts';
import { ldScript, programmeJsonLd, sessionJsonLd, speakerJsonLd } from './json-ld.ts';

// Exports only read: one dialect is enough to feed them.
describe.each(DIALECTS.slice(0, 1))('programme exports (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let programme: Programme;
	let ids: { opening: string; workshop: string; lunch: string; day2: string; awa: string };
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'https://maillage.example.org' };
		const { owner, event } = await newProgrammeEvent(ctx, { title: 'NEC Limousin' });
		const scene = await createRoom(ctx, owner, event.slug, roomInput({ name: 'Grande scène' }));
		const awa = await createSpeaker(
			ctx,
			owner,
			event.slug,
			speakerInput({ name: 'Awa Diallo', organisation: 'Médiathèque', status: 'confirmed', bio: 'Médiatrice.' })
		);
		const opening = await createSession(ctx, owner, event.slug, {
			title: 'Ouverture; bienvenue, à tous',
			format: 'plenary',
			description: 'Ligne 1\nLigne 2',
			startsAt: paris(DAY1, '09:00'),
			endsAt: paris(DAY1, '09:45'),
			roomId: scene.id,
			speakers: [{ speakerId: awa.id, part: 'moderator' }]
		});
		const workshop = await createSession(ctx, owner, event.slug, {
			title: '=HYPERLINK("http://evil")',
			format: 'workshop',
			themes: ['Médiation numérique'],
			startsAt: paris(DAY1, '10:00'),
			endsAt: paris(DAY1, '11:30'),
			roomId: scene.id,
			synthesis: 'Trois pistes.',
			synthesisPublished: true
		});
		await addResourceLink(ctx, owner, event.slug, workshop.id, {
			kind: 'video',
			title: 'Captation',
			url: 'https://video.example.org/atelier'
		});
		const lunch = await createSession(ctx, owner, event.slug, {
			title: 'Déjeuner',
			format: 'social',
			startsAt: paris(DAY1, '12:00'),
			endsAt: paris(DAY1, '13:30')
		});
		const day2 = await createSession(ctx, owner, event.slug, {
			title: 'Clôture </script><script>alert(1)</script>',
			format: 'round-table',
			startsAt: paris(DAY2, '16:00'),
			endsAt: paris(DAY2, '17:00')
		});
		await publish(ctx, owner, event.slug);
		programme = await getPublicProgramme(ctx, null, event.slug);
		ids = { opening: opening.id, workshop: workshop.id, lunch: lunch.id, day2: day2.id, awa: awa.id };
	});
	afterAll(() => t.close());

	it('test_programmeToIcal_parses_back_with_every_session_in_utc', () => {
		const text = programmeToIcal(programme, { host: 'maillage.example.org', now: new Date('2027-05-01T10:00:00Z') });
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
		const cal = new ICAL.Component(ICAL.parse(text));
		expect(cal.getFirstPropertyValue('version')).toBe('2.0');
		expect(cal.getFirstPropertyValue('prodid')).toContain('Maillage');
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.summary)).toEqual([
			'Ouverture; bienvenue, à tous',
			'=HYPERLINK("http://evil")',
			'Déjeuner',
			'Clôture </script><script>alert(1)</script>'
		]);
		const opening = events[0];
		expect(opening.uid).toBe(`${ids.opening}@maillage.example.org`);
		expect(opening.startDate.toJSDate().toISOString()).toBe('2027-06-10T07:00:00.000Z');
		expect(opening.endDate.toJSDate().toISOString()).toBe('2027-06-10T07:45:00.000Z');
		expect(opening.location).toBe('Grande scène, Espace Noriac, Limoges');
		expect(opening.description).toContain('Ligne 1\nLigne 2');
		expect(opening.description).toContain('Awa Diallo (Médiathèque) – Modérateur·rice');
		for (const v of cal.getAllSubcomponents('vevent')) expect(v.getFirstPropertyValue('dtstamp')).not.toBeNull();
	});

	it('test_programmeToIcal_selection_keeps_only_the_chosen_sessions', () => {
		const text = programmeToIcal(programme, { host: 'h', sessionIds: [ids.day2, ids.opening, 'inconnu'], name: 'Mon programme' });
		const cal = new ICAL.Component(ICAL.parse(text));
		expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Mon programme');
		expect(cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual([`${ids.opening}@h`, `${ids.day2}@h`]);
	});

	it('test_programmeToFrab_days_rooms_and_talks_as_conference_apps_read_them', () => {
		const frab = programmeToFrab(programme);
		const conf = frab.schedule.conference;
		expect(conf).toMatchObject({ title: 'NEC Limousin', start: DAY1, end: DAY2, daysCount: 2, time_zone_name: 'Europe/Paris' });
		expect(conf.rooms.map((r) => r.name)).toEqual(['Grande scène', 'Lieu à préciser']);
		expect(conf.days.map((d) => d.date)).toEqual([DAY1, DAY2]);
		const day1 = conf.days[0].rooms as Record<string, any[]>;
		expect(day1['Grande scène'].map((e) => e.title)).toEqual(['Ouverture; bienvenue, à tous', '=HYPERLINK("http://evil")']);
		const opening = day1['Grande scène'][0];
		expect(opening).toMatchObject({
			guid: ids.opening,
			date: '2027-06-10T09:00:00+02:00',
			start: '09:00',
			duration: '00:45',
			room: 'Grande scène',
			type: 'Plénière',
			language: 'fr',
			abstract: 'Ligne 1\nLigne 2',
			persons: [{ guid: ids.awa, public_name: 'Awa Diallo', biography: 'Médiatrice.', role: 'Modérateur·rice' }]
		});
		expect(Number.isInteger(opening.id) && opening.id > 0).toBe(true);
		expect(day1['Grande scène'][1]).toMatchObject({
			description: 'Trois pistes.',
			links: [{ url: 'https://video.example.org/atelier', title: 'Captation', type: 'media' }]
		});
		expect(day1['Lieu à préciser'].map((e) => e.title)).toEqual(['Déjeuner']);
		// Same ids from one export to the next, and all distinct.
		const again = programmeToFrab(programme);
		expect(JSON.stringify(again)).toBe(JSON.stringify(frab));
		const all = conf.days.flatMap((d) =>
			Object.values(d.rooms as Record<string, any[]>)
				.flat()
				.map((e) => e.id)
		);
		expect(new Set(all).size).toBe(all.length);
	});

	it('test_programmeToCsv_for_spreadsheets_with_formulas_made_inert', async () => {
		const team = await getTeamProgramme(ctx, { id: 'x', isAdmin: true }, programme.event.slug);
		const csv = programmeToCsv(team, team.conflicts);
		expect(csv.startsWith('\uFEFFJour;Début;Fin;Espace;Titre;Format')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(5);
		expect(lines[1]).toContain('2027-06-10;9 h 00;9 h 45;Grande scène;"Ouverture; bienvenue, à tous";Plénière');
		expect(lines[2]).toContain(`;"'=HYPERLINK(""http://evil"")";Atelier;`);
		expect(inertCell('+33 5 55')).toBe("'+33 5 55");
		expect(inertCell('-')).toBe("'-");
		expect(inertCell('Atelier')).toBe('Atelier');
	});

	it('test_json_ld_describes_event_sessions_and_speakers_and_cannot_close_its_script', () => {
		const ld = programmeJsonLd(programme);
		expect(ld).toMatchObject({ '@context': 'https://schema.org', '@type': 'Event', name: 'NEC Limousin' });
		expect(ld.subEvent).toHaveLength(4);
		expect(ld.subEvent[0]).toMatchObject({
			'@type': 'Event',
			name: 'Ouverture; bienvenue, à tous',
			startDate: '2027-06-10T09:00:00+02:00',
			location: { '@type': 'Place', name: 'Grande scène' },
			performer: [{ '@type': 'Person', name: 'Awa Diallo' }]
		});
		expect(sessionJsonLd(programme, programme.sessions[0])).toMatchObject({
			location: { '@type': 'Place', name: 'Grande scène, Espace Noriac' },
			performer: [{ '@type': 'Person', name: 'Awa Diallo', affiliation: { name: 'Médiathèque' } }],
			superEvent: { name: 'NEC Limousin' }
		});
		const session = programme.sessions.find((s) => s.id === ids.day2)!;
		const text = ldScript(sessionJsonLd(programme, session));
		expect(text).not.toContain('<');
		expect(JSON.parse(text).name).toBe('Clôture </script><script>alert(1)</script>');
		const person = speakerJsonLd(programme, programme.speakers[0]);
		expect(person).toMatchObject({ '@type': 'Person', name: 'Awa Diallo', performerIn: [{ name: 'Ouverture; bienvenue, à tous' }] });
	});
});
