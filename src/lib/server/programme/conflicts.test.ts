import { describe, expect, it } from 'vitest';
import { conflictsBySession, findConflicts, type ScheduleInput, type ScheduleSession } from './conflicts.ts';

// Summer time: Paris is UTC+2, so 07:00Z is 9 h 00.
const at = (hhmm: string, day = '2027-06-10') => new Date(`${day}T${hhmm}:00+02:00`).toISOString();

let n = 0;
function session(over: Partial<ScheduleSession> & { from: string; to: string; day?: string }): ScheduleSession {
	n += 1;
	const { from, to, day, ...rest } = over;
	return {
		id: `s${n}`,
		title: `Session ${n}`,
		format: 'workshop',
		startsAt: at(from, day),
		endsAt: at(to, day),
		roomId: 'r1',
		expectedAttendance: null,
		capacity: null,
		audience: [],
		speakerIds: [],
		...rest
	};
}

const rooms = [
	{ id: 'r1', name: 'Grande scène', capacity: 200 },
	{ id: 'r2', name: 'Espace 1', capacity: 30 }
];
const speakers = [{ id: 'p1', name: 'Awa Diallo' }];
const input = (sessions: ScheduleSession[], minBreakMinutes = 15): ScheduleInput => ({ sessions, rooms, speakers, minBreakMinutes });
const kinds = (sessions: ScheduleSession[], min = 15) => findConflicts(input(sessions, min)).map((c) => c.kind);
const pause = (from: string, to: string, day?: string) => session({ from, to, day, format: 'break', roomId: null });

describe('findConflicts', () => {
	it('test_findConflicts_airy_day_has_no_warning', () => {
		const a = session({ from: '09:00', to: '10:00', speakerIds: ['p1'] });
		const b = session({ from: '10:00', to: '10:30', format: 'break', roomId: null });
		const c = session({ from: '10:30', to: '12:00', roomId: 'r2', speakerIds: ['p1'], expectedAttendance: 30 });
		expect(findConflicts(input([a, b, c]))).toEqual([]);
	});

	it('test_findConflicts_room_overlap_names_both_sessions_and_room_in_french', () => {
		const a = session({ from: '09:00', to: '10:30', title: 'Plénière d’ouverture' });
		const b = session({ from: '10:00', to: '11:00', title: 'Atelier <b>communs</b>' });
		const c = pause('11:00', '11:30');
		const found = findConflicts(input([a, b, c]));
		const overlap = found.find((x) => x.kind === 'room-overlap')!;
		expect(overlap).toMatchObject({ sessionIds: [a.id, b.id], roomId: 'r1', day: '2027-06-10' });
		expect(overlap.message).toBe(
			'« Plénière d’ouverture » et « Atelier <b>communs</b> » ont lieu en même temps dans l’espace « Grande scène » (de 10 h 00 à 10 h 30).'
		);
		// Touching sessions do not overlap.
		expect(kinds([session({ from: '09:00', to: '10:00' }), pause('10:00', '10:20'), session({ from: '10:20', to: '11:00' })])).toEqual([]);
	});

	it('test_findConflicts_english_messages_on_request', () => {
		const a = session({ from: '09:00', to: '10:30', title: 'A' });
		const b = session({ from: '10:00', to: '11:00', title: 'B' });
		const [first] = findConflicts(input([a, b, pause('12:00', '12:30')]), 'en');
		expect(first.message).toBe('“A” and “B” take place at the same time in room “Grande scène” (10:00–10:30).');
	});

	it('test_findConflicts_speaker_in_two_places_and_without_travel_time', () => {
		const a = session({ from: '09:00', to: '10:00', speakerIds: ['p1'], roomId: 'r1' });
		const b = session({ from: '09:30', to: '10:30', speakerIds: ['p1'], roomId: 'r2' });
		const c = session({ from: '10:32', to: '11:30', speakerIds: ['p1'], roomId: 'r1' });
		const found = findConflicts(input([a, b, c, pause('12:00', '12:30')], 0));
		expect(found.filter((x) => x.kind === 'speaker-overlap')).toEqual([
			expect.objectContaining({
				sessionIds: [a.id, b.id],
				speakerId: 'p1',
				message: expect.stringContaining('Awa Diallo intervient en même temps')
			})
		]);
		const travel = found.filter((x) => x.kind === 'speaker-no-travel-time');
		expect(travel).toEqual([expect.objectContaining({ sessionIds: [b.id, c.id], speakerId: 'p1' })]);
		expect(travel[0].message).toContain('(2 min entre les deux)');
		// Same room, or enough time: nothing to say.
		const d = session({ from: '09:00', to: '10:00', speakerIds: ['p1'], roomId: 'r1' });
		const e = session({ from: '10:00', to: '11:00', speakerIds: ['p1'], roomId: 'r1' });
		const f = session({ from: '11:05', to: '12:00', speakerIds: ['p1'], roomId: 'r2' });
		expect(kinds([d, e, f, pause('13:00', '14:00')], 0)).toEqual([]);
	});

	it('test_findConflicts_over_capacity_against_room_and_session', () => {
		const a = session({ from: '09:00', to: '10:00', roomId: 'r2', expectedAttendance: 45 });
		const b = session({ from: '09:00', to: '10:00', roomId: 'r1', expectedAttendance: 50, capacity: 40 });
		const c = session({ from: '09:00', to: '10:00', roomId: null, format: 'stand', capacity: 500 });
		const d = session({ from: '10:30', to: '11:00', roomId: 'r2', capacity: 60 });
		const found = findConflicts(input([a, b, c, d])).filter((x) => x.kind === 'over-capacity');
		expect(found.map((x) => x.sessionIds)).toEqual([[a.id], [b.id], [d.id]]);
		expect(found[0].message).toBe(`« ${a.title} » attend 45 personnes pour 30 places dans l’espace « Espace 1 ».`);
		expect(found[1].message).toContain('jauge de 40 places');
		expect(found[2].message).toContain('dépasse la capacité de l’espace « Espace 1 » (30)');
	});

	it('test_findConflicts_no_breathing_time_groups_parallel_tracks_and_respects_the_minimum', () => {
		const a1 = session({ from: '09:00', to: '10:00', roomId: 'r1' });
		const a2 = session({ from: '09:00', to: '10:00', roomId: 'r2' });
		const b1 = session({ from: '10:05', to: '11:00', roomId: 'r1' });
		const b2 = session({ from: '10:05', to: '11:00', roomId: 'r2' });
		const lunch = session({ from: '12:00', to: '13:30', format: 'social', roomId: null });
		const found = findConflicts(input([a1, a2, b1, b2, lunch]));
		expect(found.map((x) => x.kind)).toEqual(['no-breathing-time']);
		expect(found[0].sessionIds.sort()).toEqual([a1.id, a2.id, b1.id, b2.id].sort());
		expect(found[0].message).toBe(
			`À 10 h 00, qui enchaîne « ${a1.title} » ou « ${a2.title} » puis « ${b1.title} » ou « ${b2.title} » n’a que 5 min pour souffler (minimum souhaité : 15 min).`
		);
		// With a smaller minimum (editable per event), five minutes are enough.
		expect(kinds([a1, a2, b1, b2, lunch], 5)).toEqual([]);
	});

	it('test_findConflicts_no_breathing_time_ignores_informal_slots_and_separate_audiences', () => {
		const plenary = session({ from: '09:00', to: '10:00', format: 'plenary' });
		const coffee = session({ from: '10:00', to: '10:20', format: 'break', roomId: null });
		const workshop = session({ from: '10:20', to: '11:30', roomId: 'r2' });
		expect(kinds([plenary, coffee, workshop])).toEqual([]);
		const off = session({ from: '11:30', to: '12:30', audience: ['coordinateur'] });
		const elus = session({ from: '12:30', to: '13:00', audience: ['elu'], roomId: 'r2' });
		// The workshop is open to all: a coordinator could chain it with the OFF session.
		const found = findConflicts(input([plenary, coffee, workshop, off, elus]));
		expect(found.map((x) => [x.kind, x.sessionIds])).toEqual([['no-breathing-time', [workshop.id, off.id]]]);
	});

	it('test_findConflicts_no_informal_time_per_day', () => {
		const d1a = session({ from: '09:00', to: '10:00' });
		const d1b = session({ from: '10:30', to: '12:00', format: 'plenary' });
		const d2a = session({ from: '09:00', to: '10:00', day: '2027-06-11' });
		const d2b = session({ from: '10:00', to: '12:00', day: '2027-06-11', format: 'stand', roomId: null });
		const found = findConflicts(input([d1a, d1b, d2a, d2b]));
		expect(found).toEqual([
			{
				kind: 'no-informal-time',
				sessionIds: [d1a.id, d1b.id],
				day: '2027-06-10',
				message:
					'Le jeudi 10 juin 2027 n’a aucun temps informel (pause, temps convivial ou stands) : prévoyez des moments où l’on ne fait « rien ».'
			}
		]);
		expect(conflictsBySession(found).size).toBe(0);
	});

	it('test_findConflicts_past_day_end_when_a_session_ends_late_or_the_next_day', () => {
		const ok = session({ from: '16:00', to: '18:00' });
		const late = session({ from: '17:30', to: '19:15', format: 'social', roomId: 'r2' });
		const found = findConflicts({ ...input([ok, late]), dayEnd: '18:00' }).filter((c) => c.kind === 'past-day-end');
		expect(found).toEqual([
			{
				kind: 'past-day-end',
				sessionIds: [late.id],
				day: '2027-06-10',
				message: `« ${late.title} » finit à 19 h 15, après la fin de la journée (18 h 00).`
			}
		]);
		const night = { ...session({ from: '23:00', to: '23:30', format: 'social' }), endsAt: at('00:30', '2027-06-11') };
		expect(kinds([night]).includes('past-day-end')).toBe(false);
		expect(findConflicts({ ...input([night]), dayEnd: '23:59' }).map((c) => c.kind)).toContain('past-day-end');
	});

	it('test_conflictsBySession_lists_each_warning_under_every_session_it_names', () => {
		const a = session({ from: '09:00', to: '10:30' });
		const b = session({ from: '10:00', to: '11:00' });
		const map = conflictsBySession(findConflicts(input([a, b, pause('11:00', '11:30')])));
		expect(map.get(a.id)?.map((c) => c.kind)).toEqual(['room-overlap']);
		expect(map.get(b.id)?.map((c) => c.kind)).toEqual(['room-overlap']);
	});
});
