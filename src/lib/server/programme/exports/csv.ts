/**
 * The programme as a spreadsheet for the team (semicolons and a BOM: French spreadsheet software
 * opens it as is). Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
import { stringify } from 'csv-stringify/sync';
import { translator } from '../../../i18n/index.ts';
import { timeOf as formatTime, dayOf as parisDay } from '../../../ui/programme/paris-time.ts';
import type { Conflict } from '../conflicts.ts';
import type { Programme } from '../programme.service.ts';

/** `=SUM(…)`, `+33…`, `-1`, `@x` and tab/CR-led cells are read as formulas by spreadsheets: make them text. */
export function inertCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function programmeToCsv(p: Programme, conflicts: readonly Conflict[] = []): string {
	const t = translator('fr');
	const byId = new Map<string, string[]>();
	for (const c of conflicts) for (const id of c.sessionIds) byId.set(id, [...(byId.get(id) ?? []), c.message]);
	const rows = p.sessions.map((s) => [
		parisDay(s.startsAt),
		formatTime(s.startsAt, 'fr'),
		formatTime(s.endsAt, 'fr'),
		s.room?.name ?? '',
		s.title,
		t(`programme.format.${s.format}`),
		s.themes.join(', '),
		s.speakers.map((sp) => `${sp.name}${sp.organisation ? ` (${sp.organisation})` : ''} – ${t(`programme.part.${sp.part}`)}`).join(' ; '),
		s.audience.length ? s.audience.map((a) => t(`programme.audience.${a}`)).join(', ') : t('programme.audience.all'),
		s.expectedAttendance === null ? '' : String(s.expectedAttendance),
		s.capacity === null ? '' : String(s.capacity),
		s.requiresRegistration ? t('programme.csv.yes') : t('programme.csv.no'),
		s.resources.map((r) => r.url).join(' '),
		(byId.get(s.id) ?? []).join(' | '),
		s.url
	]);
	const header = [
		'day',
		'start',
		'end',
		'room',
		'title',
		'format',
		'themes',
		'speakers',
		'audience',
		'expected',
		'capacity',
		'registration',
		'resources',
		'warnings',
		'url'
	].map((k) => t(`programme.csv.${k}`));
	return '\uFEFF' + stringify([header, ...rows.map((r) => r.map(inertCell))], { delimiter: ';', record_delimiter: '\r\n' });
}
