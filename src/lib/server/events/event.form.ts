import { findCommune, searchCommunes, type Commune } from '../territory/territory.ts';
import { toDatetimeLocal } from '../../time.ts';
import { ConflictError, ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';
import { eventCreateSchema } from './event.schema.ts';
import { readVersion, StaleVersionError } from '../edit-version.ts';
import type { EventView } from './event.service.ts';

/** What the event form shows: strings only, exactly as typed (or as stored). */
export interface EventFormValues {
	title: string;
	slug: string;
	edition: string;
	description: string;
	themes: string[];
	startsAt: string;
	endsAt: string;
	format: string;
	venueName: string;
	venueAddress: string;
	commune: string;
	onlineUrl: string;
	organisers: { name: string; type: string; role: string; siret: string; rna: string }[];
	labelStatus: string;
	labelRequestedOn: string;
	/** The version the form was loaded from (hidden field; empty for a new event). */
	version: string;
}

const str = (form: FormData, name: string) => String(form.get(name) ?? '');

/** Reads the posted form, keeping every value as typed so that nothing is lost on an error. */
export function readEventForm(form: FormData): EventFormValues {
	const organisers: EventFormValues['organisers'] = [];
	for (let i = 0; form.has(`organisers.${i}.name`); i++) {
		organisers.push({
			name: str(form, `organisers.${i}.name`),
			type: str(form, `organisers.${i}.type`),
			role: str(form, `organisers.${i}.role`),
			siret: str(form, `organisers.${i}.siret`),
			rna: str(form, `organisers.${i}.rna`)
		});
	}
	return {
		title: str(form, 'title'),
		slug: str(form, 'slug'),
		edition: str(form, 'edition'),
		description: str(form, 'description'),
		themes: form.getAll('themes').map(String),
		startsAt: str(form, 'startsAt'),
		endsAt: str(form, 'endsAt'),
		format: str(form, 'format'),
		venueName: str(form, 'venueName'),
		venueAddress: str(form, 'venueAddress'),
		commune: str(form, 'commune'),
		onlineUrl: str(form, 'onlineUrl'),
		organisers,
		labelStatus: str(form, 'labelStatus'),
		labelRequestedOn: str(form, 'labelRequestedOn'),
		version: str(form, 'version')
	};
}

/** The commune a person typed: "Name (INSEE code)", an INSEE code, a postal code or a name with a single match. */
export function resolveCommune(text: string): { inseeCode: string | null; issue?: FieldIssue; candidates?: Commune[] } {
	const q = text.trim();
	if (!q) return { inseeCode: null };
	const code = (/\(([0-9][0-9AB][0-9]{3})\)\s*$/i.exec(q)?.[1] ?? q).toUpperCase();
	if (findCommune(code)) return { inseeCode: code };
	const matches = searchCommunes(q, 30);
	if (matches.length === 1) return { inseeCode: matches[0].inseeCode };
	const exact = matches.filter((c) => c.name.toLowerCase() === q.toLowerCase());
	if (exact.length === 1) return { inseeCode: exact[0].inseeCode };
	if (matches.length === 0) return { inseeCode: null, issue: { field: 'commune', message: 'errors.communeUnknown' } };
	return { inseeCode: null, issue: { field: 'commune', message: 'errors.communeAmbiguous' }, candidates: matches };
}

/** A commune as the form writes it back: "Limoges (87085)", unambiguous and readable. */
export function communeLabel(c: { name: string; inseeCode: string } | null): string {
	return c ? `${c.name} (${c.inseeCode})` : '';
}

/**
 * The service input that the form values stand for. Empty theme boxes and organiser rows are
 * dropped; the commune is resolved here, its problems returned beside the service's own.
 */
export function eventFormToInput(v: EventFormValues): { input: Record<string, unknown>; issues: FieldIssue[]; candidates: Commune[] } {
	const commune = resolveCommune(v.commune);
	const input: Record<string, unknown> = {
		title: v.title,
		description: v.description,
		themes: v.themes.map((t) => t.trim()).filter(Boolean),
		startsAt: v.startsAt,
		endsAt: v.endsAt,
		format: v.format || undefined,
		venue: { name: v.venueName, address: v.venueAddress, inseeCode: commune.inseeCode ?? (commune.issue ? undefined : '') },
		onlineUrl: v.onlineUrl,
		organisers: v.organisers
			.filter((o) => o.name.trim() || o.siret.trim() || o.rna.trim())
			.map((o) => ({ name: o.name, type: o.type || undefined, role: o.role || undefined, siret: o.siret, rna: o.rna })),
		label: { status: v.labelStatus || 'not_requested', requestedOn: v.labelRequestedOn.trim() || null }
	};
	if (v.slug.trim()) input.slug = v.slug;
	input.edition = v.edition.trim() === '' ? null : v.edition;
	return { input, issues: commune.issue ? [commune.issue] : [], candidates: commune.candidates ?? [] };
}

/** The form values of a stored event, for the edit page. */
export function eventToFormValues(e: EventView): EventFormValues {
	return {
		title: e.title,
		slug: e.slug,
		edition: e.edition === null ? '' : String(e.edition),
		description: e.description,
		themes: e.themes,
		startsAt: toDatetimeLocal(e.startsAt),
		endsAt: toDatetimeLocal(e.endsAt),
		format: e.format,
		venueName: e.venue?.name ?? '',
		venueAddress: e.venue?.address ?? '',
		commune: e.venue?.inseeCode ? communeLabel({ name: e.venue.commune ?? '', inseeCode: e.venue.inseeCode }) : '',
		onlineUrl: e.onlineUrl ?? '',
		organisers: e.organisers.map((o) => ({ name: o.name, type: o.type, role: o.role, siret: o.siret ?? '', rna: o.rna ?? '' })),
		labelStatus: e.label.status,
		labelRequestedOn: e.label.requestedOn ?? '',
		version: String(e.version)
	};
}

export function emptyEventForm(): EventFormValues {
	return {
		title: '',
		slug: '',
		edition: '',
		description: '',
		themes: [],
		startsAt: '',
		endsAt: '',
		format: 'onsite',
		venueName: '',
		venueAddress: '',
		commune: '',
		onlineUrl: '',
		organisers: [],
		labelStatus: 'not_requested',
		labelRequestedOn: '',
		version: ''
	};
}

/** Service field paths → form field names, so that each message lands next to its control. */
export function formFieldOf(path: string): string {
	const map: Record<string, string> = {
		'venue.name': 'venueName',
		'venue.address': 'venueAddress',
		'venue.inseeCode': 'commune',
		'label.status': 'labelStatus',
		'label.requestedOn': 'labelRequestedOn'
	};
	if (map[path]) return map[path];
	if (/^themes\.\d+$/.test(path)) return 'themes';
	return path;
}

/**
 * The whole round trip of an event form: read it, resolve the commune, and call `save` only when
 * everything is valid. On any problem: the values as typed, every error keyed by form field, and
 * the communes to choose from.
 */
export async function submitEventForm<T>(
	form: FormData,
	save: (input: Record<string, unknown>, version: number | undefined) => Promise<T>
): Promise<
	{ ok: true; result: T } | { ok: false; values: EventFormValues; issues: FieldIssue[]; candidates: Commune[]; stale?: number | null }
> {
	const values = readEventForm(form);
	const { input, issues, candidates } = eventFormToInput(values);
	const fail = (more: FieldIssue[]) => ({
		ok: false as const,
		values,
		issues: [...issues, ...more].map((i) => ({ ...i, field: formFieldOf(i.field) })),
		candidates
	});
	if (issues.length) {
		// Still validate the rest, so the person sees every problem at once; nothing is saved.
		const rest = eventCreateSchema.safeParse(input);
		return fail(rest.success ? [] : toFieldIssues(rest.error).filter((i) => formFieldOf(i.field) !== 'commune'));
	}
	try {
		return { ok: true, result: await save(input, readVersion(values.version)) };
	} catch (e) {
		if (e instanceof StaleVersionError) return { ...fail([]), stale: e.current };
		if (e instanceof ValidationError || e instanceof ConflictError) return fail(e.issues);
		throw e;
	}
}
