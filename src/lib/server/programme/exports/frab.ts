/**
 * The programme in the frab / pretalx "schedule.json" format, valid against the C3VOC schedule
 * JSON schema (voc/schedule, validator/json/schema.json; a copy is in tests/fixtures/c3voc-schedule),
 * which conference apps (Giggity, Fahrplan, ConfClerk…) and recording pipelines read: days
 * numbered from 1, then rooms, then talks with their persons. Integer ids are derived from our
 * UUIDs, so that they stay the same from one export to the next.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';
import { translator } from '../../../i18n/index.ts';
import { timeOf as formatTime, dayOf as parisDay, parisIsoOf as toParisIso } from '../../../ui/programme/paris-time.ts';
import type { Programme, PublicSpeakerView } from '../programme.service.ts';

/** A positive 31-bit integer from a UUID, unique within `taken`. */
function stableId(uuid: string, taken: Set<number>): number {
	let n = parseInt(uuid.replace(/-/g, '').slice(0, 7), 16) || 1;
	while (taken.has(n)) n = (n % 0x7fffffff) + 1;
	taken.add(n);
	return n;
}

/**
 * The schema's acronym (`^[a-z0-9_-][a-z0-9_]{3,}$`: no hyphen after the first character) from
 * the event's slug, whose hyphens become underscores.
 */
export function frabAcronym(slug: string): string {
	const acronym = slug
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
	return acronym.length >= 4 ? acronym : `${acronym}_nec`.replace(/^_/, '');
}

/** The schema's link types: a video is `media`, any other link `web`. */
const linkType = (kind: string) => (kind === 'video' ? 'media' : 'web');

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function programmeToFrab(p: Programme, options: { version?: string; generator?: string } = {}) {
	const t = translator('fr');
	const noRoom = t('programme.noRoom');
	const sessionIds = new Set<number>();
	const personIds = new Set<number>();
	const personId = new Map<string, number>();
	for (const sp of p.speakers) personId.set(sp.id, stableId(sp.id, personIds));
	const speakers = new Map<string, PublicSpeakerView>(p.speakers.map((s) => [s.id, s]));
	const roomNames = [...p.rooms.map((r) => r.name)];
	if (p.sessions.some((s) => !s.room)) roomNames.push(noRoom);
	const base = `${p.event.url}/programme`;
	const acronym = frabAcronym(p.event.slug);
	const days = p.days.map((date, index) => {
		const next = new Date(`${date}T12:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		const rooms: Record<string, unknown[]> = Object.fromEntries(roomNames.map((n) => [n, []]));
		for (const s of p.sessions.filter((x) => parisDay(x.startsAt) === date)) {
			const minutes = Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);
			const room = s.room?.name ?? noRoom;
			rooms[room].push({
				id: stableId(s.id, sessionIds),
				guid: s.id,
				date: s.startsAt,
				start: formatTime(s.startsAt, 'en'),
				duration: hhmm(minutes),
				room,
				slug: `${acronym}-${s.id.slice(0, 8)}`,
				url: s.url,
				title: s.title,
				subtitle: '',
				track: s.themes[0] ?? null,
				type: t(`programme.format.${s.format}`),
				language: 'fr',
				abstract: s.description,
				description: s.synthesisPublished ? s.synthesis : '',
				recording_license: '',
				do_not_record: false,
				// frab's person shape (integer `id` and `public_name`), as pretalx writes it: with a
				// `name` too it would also be the schema's other shape, which wants exactly one.
				persons: s.speakers.map((sp) => {
					const full = speakers.get(sp.speakerId);
					return {
						id: personId.get(sp.speakerId) ?? stableId(sp.speakerId, personIds),
						guid: sp.speakerId,
						public_name: sp.name,
						biography: full?.bio ?? '',
						...(full?.portraitUrl ? { avatar: full.portraitUrl } : {}),
						...(full?.url ? { url: full.url } : {}),
						organisation: sp.organisation,
						role: t(`programme.part.${sp.part}`)
					};
				}),
				links: s.resources.filter((r) => r.kind !== 'file').map((r) => ({ url: r.url, title: r.title, type: linkType(r.kind) })),
				attachments: s.resources.filter((r) => r.kind === 'file').map((r) => ({ url: r.url, title: r.title }))
			});
		}
		return {
			index: index + 1,
			date,
			day_start: toParisIso(new Date(`${date}T04:00:00Z`).toISOString()),
			day_end: toParisIso(new Date(`${next.toISOString().slice(0, 10)}T03:59:00Z`).toISOString()),
			rooms
		};
	});
	const version = options.version ?? createHash('sha256').update(JSON.stringify(days)).digest('hex').slice(0, 12);
	return {
		$schema: 'https://c3voc.de/schedule/schema.json',
		generator: { name: options.generator ?? 'Maillage', version: '1' },
		schedule: {
			version,
			base_url: `${base}/`,
			conference: {
				acronym,
				title: p.event.title,
				start: p.days[0],
				end: p.days[p.days.length - 1],
				daysCount: p.days.length,
				timeslot_duration: '00:15',
				time_zone_name: 'Europe/Paris',
				url: base,
				rooms: p.rooms
					.map((r) => ({ name: r.name, guid: r.id, capacity: r.capacity, description: r.accessibilityNotes }))
					.concat(
						p.sessions.some((s) => !s.room)
							? [{ name: noRoom, guid: uuidV5('sans-espace', p.event.id), capacity: null, description: '' }]
							: []
					),
				tracks: p.event.themes.map((name) => ({ name })),
				days
			}
		}
	};
}
