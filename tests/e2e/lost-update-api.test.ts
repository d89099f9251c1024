// No lost update over the API, on each database: the single resources an organiser edits answer
// with an `ETag` (their version); a PATCH (the budget: a PUT) carrying `If-Match` is applied only
// while the resource still has it, else 412 with the French `staleApi` message and nothing
// changed; without `If-Match` it is applied as before. Every answer is checked against the
// OpenAPI document, which declares the header and the 412.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { OpenApiConformance } from './openapi-conformance.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase, type ApiAnswer } from './support.ts';

const STALE = MESSAGES.fr.security.staleApi;

describe.each(DIALECTS)('ETag and If-Match on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let url: string;
	let alice: string;
	let slug: string;
	let conformance: OpenApiConformance;
	const problems: string[] = [];

	async function api(method: string, pathname: string, options: Parameters<typeof callApi>[3] = {}): Promise<ApiAnswer> {
		const answer = await callApi(url, method, pathname, { token: alice, ...options });
		problems.push(...conformance.problems(method, pathname, answer));
		return answer;
	}
	const ifMatch = (etag: string | null) => ({ 'if-match': etag ?? '' });

	beforeAll(async () => {
		running = await startAppOn(dialect, 'lost-update-api');
		url = running.app.url;
		alice = await createUserWithToken('alice.etag@example.org', running.databaseUrl);
		conformance = new OpenApiConformance((await callApi(url, 'GET', '/openapi.json')).json);
		const ev = await api('POST', '/events', {
			body: {
				title: 'NEC ETag',
				themes: ['Inclusion numérique', 'Communs numériques'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Médiathèque', inseeCode: '87085' }
			}
		});
		expect(ev.status, ev.text).toBe(201);
		slug = ev.json.slug;
	});

	afterAll(async () => {
		await running?.stop();
	});

	beforeEach(() => {
		problems.length = 0;
	});

	/** GET, then two PATCHes from what was read: the first wins, the second gets 412 and changes nothing. */
	async function firstWins(path: string, first: object, second: object, read: (a: ApiAnswer) => unknown) {
		const loaded = await api('GET', path);
		expect(loaded.status, loaded.text).toBe(200);
		const etag = loaded.headers.get('etag');
		expect(etag).toMatch(/^"\d+"$/);
		expect(etag).toBe(`"${loaded.json.version}"`);
		const a = await api('PATCH', path, { body: first, headers: ifMatch(etag) });
		expect(a.status, a.text).toBe(200);
		expect(a.headers.get('etag')).not.toBe(etag);
		const b = await api('PATCH', path, { body: second, headers: ifMatch(etag) });
		expect(b.status, b.text).toBe(412);
		expect(b.json.errors).toEqual([{ field: 'If-Match', message: STALE }]);
		expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
		const now = await api('GET', path);
		expect(read(now)).toEqual(read(a));
		// Read again, the change goes through; without If-Match too (nothing asked, nothing checked).
		expect((await api('PATCH', path, { body: second, headers: ifMatch(now.headers.get('etag')) })).status).toBe(200);
		expect((await api('PATCH', path, { body: first })).status).toBe(200);
	}

	it('test_session_patch_with_a_stale_if_match_is_412_and_changes_nothing', async () => {
		const s = await api('POST', `/events/${slug}/sessions`, {
			body: { title: 'Atelier', format: 'workshop', startsAt: '2027-06-10T10:00:00+02:00' }
		});
		expect(s.status, s.text).toBe(201);
		await firstWins(`/events/${slug}/sessions/${s.json.id}`, { title: 'Atelier A' }, { title: 'Atelier B' }, (a) => a.json.title);
		// A weak or unreadable tag never matches (RFC 9110 compares If-Match strongly); `*` always does.
		const weak = await api('PATCH', `/events/${slug}/sessions/${s.json.id}`, { body: { title: 'W' }, headers: { 'if-match': 'W/"1"' } });
		expect(weak.status).toBe(412);
		const star = await api('PATCH', `/events/${slug}/sessions/${s.json.id}`, { body: { title: 'Étoile' }, headers: { 'if-match': '*' } });
		expect(star.status).toBe(200);
		expect(problems).toEqual([]);
	});

	it('test_event_speaker_and_task_honour_if_match', async () => {
		await firstWins(`/events/${slug}`, { description: 'Par A' }, { description: 'Par B' }, (a) => a.json.description);
		const sp = await api('POST', `/events/${slug}/speakers`, { body: { name: 'Awa Diallo' } });
		expect(sp.status, sp.text).toBe(201);
		await firstWins(`/events/${slug}/speakers/${sp.json.id}`, { bio: 'Par A' }, { bio: 'Par B' }, (a) => a.json.bio);
		const task = await api('POST', `/events/${slug}/tasks`, { body: { title: 'Affiches', phase: 'production', dueDate: '2027-05-01' } });
		expect(task.status, task.text).toBe(201);
		await firstWins(`/events/${slug}/tasks/${task.json.id}`, { notes: 'Par A' }, { notes: 'Par B' }, (a) => a.json.notes);
		expect(problems).toEqual([]);
	});

	it('test_room_patch_with_a_stale_if_match_is_412', async () => {
		const room = await api('POST', `/events/${slug}/rooms`, { body: { name: 'Salle A' } });
		expect(room.status, room.text).toBe(201);
		const etag = `"${room.json.version}"`;
		const a = await api('PATCH', `/events/${slug}/rooms/${room.json.id}`, { body: { name: 'Salle A1' }, headers: ifMatch(etag) });
		expect(a.status, a.text).toBe(200);
		expect(a.headers.get('etag')).toBe(`"${room.json.version + 1}"`);
		const b = await api('PATCH', `/events/${slug}/rooms/${room.json.id}`, { body: { name: 'Salle A2' }, headers: ifMatch(etag) });
		expect(b.status).toBe(412);
		const rooms = await api('GET', `/events/${slug}/rooms`);
		expect(rooms.json.find((r: { id: string }) => r.id === room.json.id).name).toBe('Salle A1');
		expect(problems).toEqual([]);
	});

	it('test_budget_put_with_the_etag_read_before_a_line_was_added_is_412', async () => {
		const line = { kind: 'charge', account: '606', label: 'Fournitures', plannedCents: 1000, actualCents: 0 };
		const put = await api('PUT', `/events/${slug}/budget`, { body: { lines: [line] } });
		expect(put.status, put.text).toBe(200);
		const read = await api('GET', `/events/${slug}/budget`);
		const etag = read.headers.get('etag');
		expect(etag).toBe(put.headers.get('etag'));
		// Someone else adds a line (here through the API without If-Match).
		expect((await api('PUT', `/events/${slug}/budget`, { body: { lines: [line, { ...line, label: 'Ajoutée' }] } })).status).toBe(200);
		const stale = await api('PUT', `/events/${slug}/budget`, { body: { lines: [] }, headers: ifMatch(etag) });
		expect(stale.status).toBe(412);
		expect(stale.json.errors[0].message).toBe(STALE);
		expect((await api('GET', `/events/${slug}/budget`)).json.lines).toHaveLength(2);
		expect(problems).toEqual([]);
	});

	it('test_committee_meeting_time_entry_and_registration_settings_honour_if_match', async () => {
		const member = await api('POST', `/events/${slug}/committee`, { body: { kind: 'person', name: 'Camille' } });
		expect(member.status, member.text).toBe(201);
		const items = `/events/${slug}/committee/${member.json.id}`;
		await firstWins(items, { notes: 'Par A' }, { notes: 'Par B' }, (a) => a.json.notes);
		const meeting = await api('POST', `/events/${slug}/meetings`, { body: { heldOn: '2027-02-01', title: 'Comité' } });
		const meetingPath = `/events/${slug}/meetings/${meeting.json.id}`;
		await firstWins(meetingPath, { decisions: 'Par A' }, { decisions: 'Par B' }, (a) => a.json.decisions);
		const entry = await api('POST', `/events/${slug}/time-entries`, { body: { memberId: member.json.id, phase: 'framing', minutes: 60 } });
		await firstWins(`/events/${slug}/time-entries/${entry.json.id}`, { minutes: 90 }, { minutes: 30 }, (a) => a.json.minutes);
		await firstWins(`/events/${slug}/registration-settings`, { capacity: 80 }, { capacity: 120 }, (a) => a.json.capacity);
		// Without If-Match, the body's `version` (as GET returned it) is checked too: 409, nothing changed.
		const read = await api('GET', meetingPath);
		expect((await api('PATCH', meetingPath, { body: { title: 'Comité 2', version: read.json.version } })).status).toBe(200);
		const stale = await api('PATCH', meetingPath, { body: { title: 'Comité 3', version: read.json.version } });
		expect(stale.status, stale.text).toBe(409);
		expect(stale.headers.get('etag')).toBe(`"${read.json.version + 1}"`);
		expect((await api('GET', meetingPath)).json.title).toBe('Comité 2');
		const gone = await api('DELETE', meetingPath);
		expect(gone.status).toBe(204);
		expect((await api('PATCH', meetingPath, { body: { title: 'X' } })).status).toBe(404);
		const label = await api('POST', `/events/${slug}/label-request`, { body: { expectedAudience: 80 } });
		expect(label.status, label.text).toBe(201);
		expect((await api('GET', `/events/${slug}/label-request`)).headers.get('etag')).toBe(`"${label.json.version}"`);
		expect(problems).toEqual([]);
	});
});
