/**
 * Form adapters of the preparation's pages: FormData ⇄ service input. Values are kept exactly
 * as typed (strings) so that a page with an error shows what the person wrote; what only a
 * form has (an offset typed "J−30", hours or days, "member:…" owner choices) is read here, and
 * its problems are reported together with the service's own, each next to its field.
 */
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../validation.ts';
import { parseHundredths } from './decimal.ts';
import { HOURS_PER_DAY, parseOffset } from './planning.rules.ts';
import { prepIssues } from './prep-validation.ts';
import { logisticsItemInputSchema, meetingInputSchema, taskInputSchema, timeEntryInputSchema } from './planning.schema.ts';
import type { TaskView } from './task.service.ts';
import type { LogisticsItemView } from './logistics.service.ts';
import type { CommitteeMemberView, MeetingView, TimeEntryView } from './committee.service.ts';

const str = (form: FormData, name: string) => String(form.get(name) ?? '');
const all = (form: FormData, name: string) => form.getAll(name).map(String);

/** Field paths of nested inputs that a form shows as one control. */
function formField(path: string): string {
	if (path.startsWith('owner.')) return 'owner';
	if (/^roles\.\d+$/.test(path)) return 'roles';
	if (/^attendeeIds\.\d+$/.test(path)) return 'attendeeIds';
	return path;
}

/**
 * Throws one ValidationError with the form's own problems and the schema's problems with the
 * other fields, so that every mistake shows at once; does nothing when `own` is empty.
 */
function throwWithRest(own: FieldIssue[], schema: z.ZodType, input: unknown): void {
	if (own.length === 0) return;
	const result = schema.safeParse(input);
	const taken = new Set(own.map((i) => i.field));
	const rest = result.success ? [] : prepIssues(result.error).filter((i) => !taken.has(i.field) && !taken.has(formField(i.field)));
	throw new ValidationError([...own, ...rest]);
}

/** Runs a service call and renames nested error fields to the form's controls. */
export async function withFormFields<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, field: formField(i.field) })));
		throw e;
	}
}

/** "member:ID" or "committee:ID" from an owner select; null for nobody. */
export function parseOwnerChoice(value: string): { type: string; id: string } | null {
	if (!value) return null;
	const [type, ...rest] = value.split(':');
	return { type, id: rest.join(':') };
}

export function ownerChoice(owner: { type: string; id: string } | null): string {
	return owner ? `${owner.type}:${owner.id}` : '';
}

// ——— Tasks and checklist items ———

export interface DatedFormValues {
	title: string;
	/** relative | fixed | none */
	timing: string;
	offset: string;
	dueDate: string;
	owner: string;
	status: string;
	notes: string;
}

export interface TaskFormValues extends DatedFormValues {
	kind: string;
	phase: string;
	/** The version the form was loaded from (hidden field; empty for a new task). */
	version: string;
}

export interface LogisticsFormValues extends DatedFormValues {
	category: string;
	capacity: string;
	/** The version the form was loaded from (hidden field; empty for a new item). */
	version: string;
}

function readDated(form: FormData): DatedFormValues {
	return {
		title: str(form, 'title'),
		timing: str(form, 'timing'),
		offset: str(form, 'offset'),
		dueDate: str(form, 'dueDate'),
		owner: str(form, 'owner'),
		status: str(form, 'status'),
		notes: str(form, 'notes')
	};
}

export function readTaskForm(form: FormData): TaskFormValues {
	return { ...readDated(form), kind: str(form, 'kind'), phase: str(form, 'phase'), version: str(form, 'version') };
}

export function readLogisticsForm(form: FormData): LogisticsFormValues {
	return { ...readDated(form), category: str(form, 'category'), capacity: str(form, 'capacity'), version: str(form, 'version') };
}

/** The timing of a dated form: the offset (read from "J−30") or the fixed day, never both. */
function timingInput(v: DatedFormValues, issues: FieldIssue[]): { offsetDays: number | null; dueDate: string | null } {
	const timing = v.timing || (v.dueDate.trim() && !v.offset.trim() ? 'fixed' : 'relative');
	if (timing === 'fixed') return { offsetDays: null, dueDate: v.dueDate.trim() || null };
	if (timing === 'none') return { offsetDays: null, dueDate: null };
	if (!v.offset.trim()) return { offsetDays: null, dueDate: null };
	const n = parseOffset(v.offset);
	if (n === null) issues.push({ field: 'offsetDays', message: 'planning.errors.offsetInvalid' });
	return { offsetDays: n, dueDate: null };
}

/** The service input of a task form; throws a ValidationError for an offset that is not one. */
export function taskFormToInput(v: TaskFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	const input = {
		title: v.title,
		kind: v.kind || 'task',
		phase: v.phase || undefined,
		...timingInput(v, issues),
		status: v.status || 'todo',
		owner: parseOwnerChoice(v.owner),
		notes: v.notes
	};
	// With the offset in error, check the rest as if it were given (no "missing date" on top).
	throwWithRest(issues, taskInputSchema, { ...input, offsetDays: input.offsetDays ?? 0 });
	return input;
}

export function logisticsFormToInput(v: LogisticsFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	let capacity: number | null = null;
	if (v.capacity.trim()) {
		capacity = /^\d{1,6}$/.test(v.capacity.trim()) ? Number(v.capacity.trim()) : null;
		if (capacity === null) issues.push({ field: 'capacity', message: 'errors.integer' });
	}
	const input = {
		category: v.category || undefined,
		title: v.title,
		capacity,
		...timingInput(v, issues),
		status: v.status || 'todo',
		owner: parseOwnerChoice(v.owner),
		notes: v.notes
	};
	throwWithRest(issues, logisticsItemInputSchema, {
		...input,
		offsetDays: issues.some((i) => i.field === 'offsetDays') ? 0 : input.offsetDays
	});
	return input;
}

function datedValues(x: {
	dueDate: string | null;
	offsetDays: number | null;
	offsetLabel: string | null;
	owner: { type: string; id: string } | null;
	status: string;
	notes: string;
	title: string;
}): DatedFormValues {
	return {
		title: x.title,
		timing: x.offsetDays !== null ? 'relative' : x.dueDate ? 'fixed' : 'none',
		offset: x.offsetLabel ?? '',
		dueDate: x.offsetDays === null ? (x.dueDate ?? '') : '',
		owner: ownerChoice(x.owner),
		status: x.status,
		notes: x.notes
	};
}

export function taskToFormValues(task: TaskView): TaskFormValues {
	return { ...datedValues(task), kind: task.kind, phase: task.phase, version: String(task.version) };
}

export function emptyTaskForm(): TaskFormValues {
	return {
		title: '',
		kind: 'task',
		phase: '',
		timing: 'relative',
		offset: '',
		dueDate: '',
		owner: '',
		status: 'todo',
		notes: '',
		version: ''
	};
}

export function logisticsToFormValues(item: LogisticsItemView): LogisticsFormValues {
	return {
		...datedValues(item),
		category: item.category,
		capacity: item.capacity === null ? '' : String(item.capacity),
		version: String(item.version)
	};
}

export function emptyLogisticsForm(): LogisticsFormValues {
	return {
		title: '',
		category: '',
		capacity: '',
		timing: 'relative',
		offset: '',
		dueDate: '',
		owner: '',
		status: 'todo',
		notes: '',
		version: ''
	};
}

// ——— Committee ———

export interface CommitteeFormValues {
	kind: string;
	name: string;
	structureId: string;
	roles: string[];
	customRole: string;
	email: string;
	notes: string;
	/** The version the form was loaded from (hidden field; empty for a new one). */
	version: string;
}

export function readCommitteeForm(form: FormData): CommitteeFormValues {
	return {
		kind: str(form, 'kind'),
		name: str(form, 'name'),
		structureId: str(form, 'structureId'),
		roles: all(form, 'roles'),
		customRole: str(form, 'customRole'),
		email: str(form, 'email'),
		notes: str(form, 'notes'),
		version: str(form, 'version')
	};
}

export function committeeFormToInput(v: CommitteeFormValues): Record<string, unknown> {
	return {
		kind: v.kind || undefined,
		name: v.name,
		structureId: v.kind === 'person' && v.structureId ? v.structureId : null,
		roles: v.roles,
		customRole: v.customRole,
		email: v.email,
		notes: v.notes
	};
}

export function committeeToFormValues(m: CommitteeMemberView): CommitteeFormValues {
	return {
		kind: m.kind,
		name: m.name,
		structureId: m.structureId ?? '',
		roles: m.roles,
		customRole: m.customRole,
		email: m.email ?? '',
		notes: m.notes,
		version: String(m.version)
	};
}

export function emptyCommitteeForm(): CommitteeFormValues {
	return { kind: 'person', name: '', structureId: '', roles: [], customRole: '', email: '', notes: '', version: '' };
}

// ——— Meetings ———

export interface MeetingFormValues {
	heldOn: string;
	title: string;
	duration: string;
	place: string;
	attendeeIds: string[];
	otherAttendees: string;
	notes: string;
	decisions: string;
	/** The version the form was loaded from (hidden field; empty for a new one). */
	version: string;
}

export function readMeetingForm(form: FormData): MeetingFormValues {
	return {
		heldOn: str(form, 'heldOn'),
		title: str(form, 'title'),
		duration: str(form, 'duration'),
		place: str(form, 'place'),
		attendeeIds: all(form, 'attendeeIds'),
		otherAttendees: str(form, 'otherAttendees'),
		notes: str(form, 'notes'),
		decisions: str(form, 'decisions'),
		version: str(form, 'version')
	};
}

export function meetingFormToInput(v: MeetingFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	let durationMinutes: number | null = null;
	if (v.duration.trim()) {
		const h = parseHundredths(v.duration);
		if ('value' in h) durationMinutes = Math.round((h.value * 60) / 100);
		else issues.push({ field: 'durationMinutes', message: 'committee.errors.durationInvalid' });
	}
	const input = {
		heldOn: v.heldOn,
		title: v.title,
		durationMinutes,
		place: v.place,
		attendeeIds: v.attendeeIds,
		otherAttendees: v.otherAttendees,
		notes: v.notes,
		decisions: v.decisions
	};
	throwWithRest(issues, meetingInputSchema, input);
	return input;
}

/** Minutes as hours for a form field: 90 → "1,5". */
function hoursText(minutes: number): string {
	const h100 = Math.round((minutes * 100) / 60);
	const whole = Math.trunc(h100 / 100);
	const frac = String(h100 % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return frac ? `${whole},${frac}` : String(whole);
}

export function meetingToFormValues(m: MeetingView): MeetingFormValues {
	return {
		heldOn: m.heldOn,
		title: m.title,
		duration: m.durationMinutes === null ? '' : hoursText(m.durationMinutes),
		place: m.place,
		attendeeIds: m.attendees.map((a) => a.id),
		otherAttendees: m.otherAttendees,
		notes: m.notes,
		decisions: m.decisions.join('\n'),
		version: String(m.version)
	};
}

export function emptyMeetingForm(today: string): MeetingFormValues {
	return { heldOn: today, title: '', duration: '', place: '', attendeeIds: [], otherAttendees: '', notes: '', decisions: '', version: '' };
}

// ——— Time ———

export interface TimeFormValues {
	memberId: string;
	phase: string;
	quantity: string;
	unit: string;
	spentOn: string;
	description: string;
	/** The version the form was loaded from (hidden field; empty for a new one). */
	version: string;
}

export function readTimeForm(form: FormData): TimeFormValues {
	return {
		memberId: str(form, 'memberId'),
		phase: str(form, 'phase'),
		quantity: str(form, 'quantity'),
		unit: str(form, 'unit'),
		spentOn: str(form, 'spentOn'),
		description: str(form, 'description'),
		version: str(form, 'version')
	};
}

/** Hours or days (of 7 hours) into minutes. */
export function timeFormToInput(v: TimeFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	const q = parseHundredths(v.quantity);
	let minutes = 0;
	if ('value' in q && q.value > 0) minutes = Math.round((q.value * 60 * (v.unit === 'days' ? HOURS_PER_DAY : 1)) / 100);
	else issues.push({ field: 'minutes', message: 'committee.errors.timeInvalid' });
	const input = {
		memberId: v.memberId,
		phase: v.phase || undefined,
		minutes,
		spentOn: v.spentOn.trim() || null,
		description: v.description
	};
	throwWithRest(issues, timeEntryInputSchema, { ...input, minutes: minutes || 60 });
	return input;
}

export function emptyTimeForm(today: string): TimeFormValues {
	return { memberId: '', phase: '', quantity: '', unit: 'hours', spentOn: today, description: '', version: '' };
}

/** An entry as its edit form shows it: in hours (days are turned into hours when saved). */
export function timeToFormValues(e: TimeEntryView): TimeFormValues {
	return {
		memberId: e.memberId,
		phase: e.phase,
		quantity: hoursText(e.minutes),
		unit: 'hours',
		spentOn: e.spentOn ?? '',
		description: e.description,
		version: String(e.version)
	};
}
