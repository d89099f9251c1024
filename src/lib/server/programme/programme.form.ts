/**
 * Form adapters of the programme's pages: FormData ⇄ service input, keeping every value exactly
 * as typed so that a form with a problem comes back filled in. Times are typed as a day of the
 * event plus hours (Paris time), which is how organisers think of a slot; the services receive
 * `startsAt`/`endsAt` like the API.
 */
import type { z } from 'zod';
import { dayOf as parisDay, localOf as toDatetimeLocal } from '../../ui/programme/paris-time.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../validation.ts';
import { readVersion, StaleVersionError } from '../edit-version.ts';
import type { SessionView, SpeakerView, RoomView } from './programme.service.ts';
import { centsToEuros } from '../../ui/programme/money.ts';
import { readMultipart, uploadOf } from './programme.http.ts';
import { parseProgramme } from './programme.schema.ts';
import type { Upload } from './uploads.ts';

const str = (form: FormData, name: string) => String(form.get(name) ?? '');

/** `''` → null, digits → a number, anything else → an issue on `field`. */
function wholeNumber(value: string, field: string, issues: FieldIssue[]): number | null | undefined {
	const v = value.trim();
	if (v === '') return null;
	if (/^\d{1,7}$/.test(v)) return Number(v);
	issues.push({ field, message: 'programme.errors.number' });
	return undefined;
}

/** "120", "85,50", "1 200,5 €" → cents; '' → null. */
export function eurosToCents(value: string): number | null | 'invalid' {
	const v = value.replace(/[\s\u00a0€]/g, '').replace(',', '.');
	if (v === '') return null;
	if (!/^\d{1,7}(\.\d{1,2})?$/.test(v)) return 'invalid';
	return Math.round(Number(v) * 100);
}

export { centsToEuros };

/** Service field paths → form field names, so that each message lands next to its control. */
export function sessionFieldOf(path: string): string {
	if (path === 'startsAt') return 'startTime';
	if (path === 'endsAt') return 'endTime';
	if (/^themes(\.\d+)?$/.test(path)) return 'themes';
	if (/^audience(\.\d+)?$/.test(path)) return 'audience';
	const speaker = /^(?:speakers\.(\d+)(?:\.\w+)?|speakerIds\.(\d+))$/.exec(path);
	if (speaker) return `speaker-${speaker[1] ?? speaker[2]}`;
	return path;
}

// ---- Sessions ----

export interface SessionFormValues {
	title: string;
	format: string;
	day: string;
	startTime: string;
	endTime: string;
	roomId: string;
	themes: string[];
	description: string;
	speakers: { speakerId: string; part: string }[];
	audience: string[];
	expectedAttendance: string;
	capacity: string;
	requiresRegistration: boolean;
	synthesis: string;
	synthesisPublished: boolean;
	/** The version the form was loaded from (hidden field): a save over a newer one is refused. */
	version: string;
}

export function readSessionForm(form: FormData): SessionFormValues {
	const speakers: SessionFormValues['speakers'] = [];
	for (let i = 0; form.has(`speakers.${i}.speakerId`); i++)
		speakers.push({ speakerId: str(form, `speakers.${i}.speakerId`), part: str(form, `speakers.${i}.part`) });
	return {
		title: str(form, 'title'),
		format: str(form, 'format'),
		day: str(form, 'day'),
		startTime: str(form, 'startTime'),
		endTime: str(form, 'endTime'),
		roomId: str(form, 'roomId'),
		themes: form.getAll('themes').map(String),
		description: str(form, 'description'),
		speakers,
		audience: form.getAll('audience').map(String),
		expectedAttendance: str(form, 'expectedAttendance'),
		capacity: str(form, 'capacity'),
		requiresRegistration: form.has('requiresRegistration'),
		synthesis: str(form, 'synthesis'),
		synthesisPublished: form.has('synthesisPublished'),
		version: str(form, 'version')
	};
}

/**
 * A time as people type it: "9h30", "9 h", "09:30", "930", "14.00" → "09:30"; null when it is not
 * one. A plain text field rather than the browser's time picker, whose 12-hour display (with
 * AM/PM to type) depends on the browser's own language.
 */
export function parseTime(value: string): string | null {
	const v = value.trim().toLowerCase();
	const m = /^(\d{1,2})\s*(?:[h:.]\s*(\d{2})?)?$/.exec(v) ?? /^(\d{1,2})(\d{2})$/.exec(v);
	if (!m) return null;
	const h = Number(m[1]);
	const min = Number(m[2] ?? 0);
	if (h > 23 || min > 59) return null;
	return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The service input a session form stands for; problems only the form can see come back beside it. */
export function sessionFormToInput(v: SessionFormValues): { input: Record<string, unknown>; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const start = parseTime(v.startTime);
	const end = v.endTime.trim() ? parseTime(v.endTime) : null;
	const expectedAttendance = wholeNumber(v.expectedAttendance, 'expectedAttendance', issues);
	const capacity = wholeNumber(v.capacity, 'capacity', issues);
	if (!v.day) issues.push({ field: 'day', message: 'errors.required' });
	if (!v.startTime.trim()) issues.push({ field: 'startTime', message: 'errors.required' });
	else if (!start) issues.push({ field: 'startTime', message: 'programme.errors.time' });
	if (v.endTime.trim() && !end) issues.push({ field: 'endTime', message: 'programme.errors.time' });
	const input: Record<string, unknown> = {
		title: v.title,
		format: v.format || undefined,
		description: v.description,
		themes: v.themes.filter(Boolean),
		startsAt: v.day && start ? `${v.day}T${start}` : undefined,
		endsAt: v.day && end ? `${v.day}T${end}` : null,
		roomId: v.roomId || null,
		speakers: v.speakers.filter((s) => s.speakerId).map((s) => ({ speakerId: s.speakerId, part: s.part || 'speaker' })),
		audience: v.audience.filter(Boolean),
		requiresRegistration: v.requiresRegistration,
		synthesis: v.synthesis,
		synthesisPublished: v.synthesisPublished
	};
	if (expectedAttendance !== undefined) input.expectedAttendance = expectedAttendance;
	if (capacity !== undefined) input.capacity = capacity;
	return { input, issues };
}

/** Blank rows offered under a session's speakers, to add some without JavaScript. */
export const EXTRA_SPEAKER_ROWS = 2;

export function sessionToFormValues(s: SessionView): SessionFormValues {
	return {
		title: s.title,
		format: s.format,
		day: parisDay(s.startsAt),
		startTime: toDatetimeLocal(s.startsAt).slice(11),
		endTime: toDatetimeLocal(s.endsAt).slice(11),
		roomId: s.roomId ?? '',
		themes: s.themes,
		description: s.description,
		speakers: s.speakers.map((sp) => ({ speakerId: sp.speakerId, part: sp.part })),
		audience: s.audience,
		expectedAttendance: s.expectedAttendance === null ? '' : String(s.expectedAttendance),
		capacity: s.capacity === null ? '' : String(s.capacity),
		requiresRegistration: s.requiresRegistration,
		synthesis: s.synthesis,
		synthesisPublished: s.synthesisPublished,
		version: String(s.version)
	};
}

export function emptySessionForm(defaults: { day?: string; startTime?: string; roomId?: string; format?: string } = {}): SessionFormValues {
	return {
		title: '',
		format: defaults.format ?? 'workshop',
		day: defaults.day ?? '',
		startTime: defaults.startTime ?? '',
		endTime: '',
		roomId: defaults.roomId ?? '',
		themes: [],
		description: '',
		speakers: [],
		audience: [],
		expectedAttendance: '',
		capacity: '',
		requiresRegistration: false,
		synthesis: '',
		synthesisPublished: false,
		version: ''
	};
}

/** The quick "move" form of the schedule: a day, hours and a room. */
export function readMoveForm(form: FormData): {
	values: Pick<SessionFormValues, 'day' | 'startTime' | 'endTime' | 'roomId'>;
	input: Record<string, unknown>;
	issues: FieldIssue[];
} {
	const values = { day: str(form, 'day'), startTime: str(form, 'startTime'), endTime: str(form, 'endTime'), roomId: str(form, 'roomId') };
	const { input, issues } = sessionFormToInput({ ...emptySessionForm(), ...values });
	const patch: Record<string, unknown> = { startsAt: input.startsAt, roomId: input.roomId };
	// An empty end keeps the session's length rather than resetting it to the format's default.
	if (values.endTime.trim()) patch.endsAt = input.endsAt;
	return { values, input: patch, issues: issues.filter((i) => ['day', 'startTime', 'endTime', 'roomId'].includes(i.field)) };
}

// ---- Speakers ----

export interface SpeakerFormValues {
	name: string;
	organisation: string;
	roleTitle: string;
	bio: string;
	email: string;
	status: string;
	travelCost: string;
	portraitAlt: string;
	/** The version the form was loaded from (hidden field; empty for a new speaker). */
	version: string;
}

export function readSpeakerForm(form: FormData): SpeakerFormValues {
	return {
		name: str(form, 'name'),
		organisation: str(form, 'organisation'),
		roleTitle: str(form, 'roleTitle'),
		bio: str(form, 'bio'),
		email: str(form, 'email'),
		status: str(form, 'status'),
		travelCost: str(form, 'travelCost'),
		portraitAlt: str(form, 'portraitAlt'),
		version: str(form, 'version')
	};
}

export function speakerFormToInput(v: SpeakerFormValues): { input: Record<string, unknown>; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const cents = eurosToCents(v.travelCost);
	if (cents === 'invalid') issues.push({ field: 'travelCost', message: 'programme.errors.euros' });
	const input: Record<string, unknown> = {
		name: v.name,
		organisation: v.organisation,
		roleTitle: v.roleTitle,
		bio: v.bio,
		email: v.email,
		status: v.status || undefined,
		portraitAlt: v.portraitAlt
	};
	if (cents !== 'invalid') input.travelCostCents = cents;
	return { input, issues };
}

export function speakerToFormValues(s: SpeakerView): SpeakerFormValues {
	return {
		name: s.name,
		organisation: s.organisation,
		roleTitle: s.roleTitle,
		bio: s.bio,
		email: s.email ?? '',
		status: s.status,
		travelCost: centsToEuros(s.travelCostCents),
		portraitAlt: s.portraitAlt,
		version: String(s.version)
	};
}

export function emptySpeakerForm(): SpeakerFormValues {
	return { name: '', organisation: '', roleTitle: '', bio: '', email: '', status: 'invited', travelCost: '', portraitAlt: '', version: '' };
}

export function speakerFieldOf(path: string): string {
	return path === 'travelCostCents' ? 'travelCost' : path;
}

// ---- Rooms ----

export interface RoomFormValues {
	name: string;
	capacity: string;
	accessibilityNotes: string;
	/** The version the form was loaded from (hidden field). */
	version: string;
}

export function readRoomForm(form: FormData): { values: RoomFormValues; input: Record<string, unknown>; issues: FieldIssue[] } {
	const values = {
		name: str(form, 'name'),
		capacity: str(form, 'capacity'),
		accessibilityNotes: str(form, 'accessibilityNotes'),
		version: str(form, 'version')
	};
	const issues: FieldIssue[] = [];
	const capacity = wholeNumber(values.capacity, 'capacity', issues);
	const input: Record<string, unknown> = { name: values.name, accessibilityNotes: values.accessibilityNotes };
	if (capacity !== undefined) input.capacity = capacity;
	return { values, input, issues };
}

export function roomToFormValues(r: RoomView): RoomFormValues {
	return {
		name: r.name,
		capacity: r.capacity === null ? '' : String(r.capacity),
		accessibilityNotes: r.accessibilityNotes,
		version: String(r.version)
	};
}

/**
 * Runs a form's service call once the form's own checks passed; either way, returns every problem
 * keyed by form field. Nothing is saved when any problem is found. A stale version (someone saved
 * since the form was loaded) comes back as `stale`: the version stored now.
 */
export async function submitForm<T>(
	issues: FieldIssue[],
	fieldOf: (path: string) => string,
	save: () => Promise<T>,
	validateOnly?: () => Promise<unknown>
): Promise<{ ok: true; result: T } | { ok: false; issues: FieldIssue[]; stale?: number | null }> {
	const mapped = (list: FieldIssue[]) => list.map((i) => ({ ...i, field: fieldOf(i.field) }));
	if (issues.length) {
		// Still validate the rest so that the person sees every problem at once.
		let more: FieldIssue[] = [];
		try {
			await validateOnly?.();
		} catch (e) {
			if (e instanceof ValidationError || e instanceof ConflictError) more = e.issues;
			else throw e;
		}
		const own = new Set(issues.map((i) => i.field));
		return { ok: false, issues: mapped([...issues, ...more.filter((i) => !own.has(fieldOf(i.field)))]) };
	}
	try {
		return { ok: true, result: await save() };
	} catch (e) {
		if (e instanceof StaleVersionError) return { ok: false, issues: e.issues, stale: e.current };
		if (e instanceof ValidationError || e instanceof ConflictError) return { ok: false, issues: mapped(e.issues) };
		throw e;
	}
}

/**
 * A speaker's form as the organiser posts it (multipart, with the portrait): read, checked by its
 * own rules and by `schema`, then saved by `save` with the input and the chosen file. On any
 * problem nothing is saved, and every issue comes back keyed by form field with the values as
 * typed (none when the body was refused as too big: nothing of it could be read).
 */
export async function submitSpeakerForm<T>(
	request: Request,
	schema: z.ZodType,
	save: (input: Record<string, unknown>, upload: Upload | undefined, version: number | undefined) => Promise<T>
): Promise<{ ok: true; result: T } | { ok: false; values?: SpeakerFormValues; issues: FieldIssue[]; stale?: number | null }> {
	let form: FormData;
	try {
		form = await readMultipart(request, 'portrait');
	} catch (e) {
		if (e instanceof ValidationError) return { ok: false, issues: e.issues };
		throw e;
	}
	const values = readSpeakerForm(form);
	const { input, issues } = speakerFormToInput(values);
	const upload = await uploadOf(form, 'portrait');
	const res = await submitForm(
		issues,
		speakerFieldOf,
		() => save(input, upload, readVersion(values.version)),
		async () => parseProgramme(schema, input)
	);
	return res.ok ? res : { ...res, values };
}

/** A session's form as posted, read and submitted like a speaker's (see `submitSpeakerForm`). */
export async function submitSessionForm<T>(
	request: Request,
	schema: z.ZodType,
	save: (input: Record<string, unknown>, version: number | undefined) => Promise<T>
): Promise<{ ok: true; result: T } | { ok: false; values: SessionFormValues; issues: FieldIssue[]; stale?: number | null }> {
	const values = readSessionForm(await request.formData());
	const { input, issues } = sessionFormToInput(values);
	const res = await submitForm(
		issues,
		sessionFieldOf,
		() => save(input, readVersion(values.version)),
		async () => parseProgramme(schema, input)
	);
	return res.ok ? res : { ...res, values };
}
