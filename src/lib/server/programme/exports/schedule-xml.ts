/**
 * The programme as "schedule.xml", the frab / pentabarf format that many conference apps and
 * recording pipelines still read, valid against the C3VOC XSD (voc/schedule,
 * validator/xsd/schedule.xml.xsd; a copy is in tests/fixtures/c3voc-schedule). Written from the
 * schedule JSON (`programmeToFrab`), as C3VOC's own converter does, so both always agree.
 */
import { create } from 'xmlbuilder2';
import type { programmeToFrab } from './frab.ts';

type Frab = ReturnType<typeof programmeToFrab>;

interface FrabTalk {
	id: number;
	guid: string;
	date: string;
	start: string;
	duration: string;
	room: string;
	slug: string;
	url: string;
	title: string;
	subtitle: string;
	track: string | null;
	type: string;
	language: string;
	abstract: string;
	description: string;
	recording_license: string;
	do_not_record: boolean;
	persons: { id: number; guid: string; public_name: string }[];
	links: { url: string; title: string; type: string }[];
	attachments: { url: string; title: string }[];
}

/** The XML text (UTF-8, with its declaration). */
export function frabToScheduleXml(frab: Frab, scheduleUrl?: string): string {
	const conf = frab.schedule.conference;
	const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('schedule');
	root.ele('generator', { name: frab.generator.name, version: frab.generator.version });
	if (scheduleUrl) root.ele('url').txt(scheduleUrl);
	root.ele('version').txt(frab.schedule.version);
	const c = root.ele('conference');
	c.ele('acronym').txt(conf.acronym);
	c.ele('title').txt(conf.title);
	if (conf.start) c.ele('start').txt(conf.start);
	if (conf.end) c.ele('end').txt(conf.end);
	c.ele('days').txt(String(conf.daysCount));
	c.ele('timeslot_duration').txt(conf.timeslot_duration);
	c.ele('base_url').txt(frab.schedule.base_url);
	c.ele('url').txt(conf.url);
	c.ele('time_zone_name').txt(conf.time_zone_name);
	for (const track of conf.tracks) c.ele('track', { name: track.name });
	const guids = new Map(conf.rooms.map((r) => [r.name, r.guid]));
	for (const day of conf.days) {
		const d = root.ele('day', { index: String(day.index), date: day.date, start: day.day_start, end: day.day_end });
		for (const [name, talks] of Object.entries(day.rooms as Record<string, FrabTalk[]>)) {
			if (talks.length === 0) continue;
			const room = d.ele('room', { name, ...(guids.get(name) ? { guid: guids.get(name) } : {}) });
			for (const talk of talks) {
				const e = room.ele('event', { guid: talk.guid, id: String(talk.id) });
				e.ele('room').txt(talk.room);
				e.ele('title').txt(talk.title);
				e.ele('subtitle').txt(talk.subtitle);
				e.ele('type').txt(talk.type);
				e.ele('date').txt(talk.date);
				e.ele('start').txt(talk.start);
				e.ele('duration').txt(talk.duration);
				e.ele('abstract').txt(talk.abstract);
				e.ele('slug').txt(talk.slug);
				e.ele('track').txt(talk.track ?? '');
				const persons = e.ele('persons');
				for (const p of talk.persons) persons.ele('person', { id: String(p.id), guid: p.guid }).txt(p.public_name);
				e.ele('language').txt(talk.language);
				e.ele('description').txt(talk.description);
				const recording = e.ele('recording');
				recording.ele('license').txt(talk.recording_license);
				recording.ele('optout').txt(String(talk.do_not_record));
				const links = e.ele('links');
				for (const l of talk.links) links.ele('link', { href: l.url, type: l.type }).txt(l.title);
				const attachments = e.ele('attachments');
				for (const a of talk.attachments) attachments.ele('attachment', { href: a.url }).txt(a.title);
				e.ele('url').txt(talk.url);
			}
		}
	}
	return root.end({ prettyPrint: true });
}
