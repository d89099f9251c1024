/**
 * The programme as a spreadsheet for the team (by default semicolons and a BOM: French spreadsheet
 * software opens it as is), through the shared CSV writer.
 */
import { FRENCH_SPREADSHEET, writeCsv, type CsvOptions } from '../../csv.ts';
import { translator } from '../../../i18n/index.ts';
import { timeOf as formatTime, dayOf as parisDay } from '../../../ui/programme/paris-time.ts';
import type { Conflict } from '../conflicts.ts';
import type { Programme } from '../programme.service.ts';

export { inertCell } from '../../csv.ts';

export function programmeToCsv(p: Programme, conflicts: readonly Conflict[] = [], options: CsvOptions = FRENCH_SPREADSHEET): string {
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
		s.expectedAttendance,
		s.capacity,
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
	return writeCsv(header, rows, options);
}
