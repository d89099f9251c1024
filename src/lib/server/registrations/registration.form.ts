/**
 * Form adapters of registration: the posted registration form ⇄ the service's input, values kept
 * exactly as typed so that nothing is lost on an error, and each problem keyed by the form field
 * it belongs to.
 */
import { communeLabel, resolveCommune } from '../events/event.form.ts';
import { findCommune, type Commune } from '../territory/territory.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../validation.ts';
import { StaleVersionError } from '../edit-version.ts';
import type { QuestionInfo } from './registration-event.ts';

/** What the registration form shows: strings and lists of strings, as typed. */
export interface RegistrationFormValues {
	firstName: string;
	lastName: string;
	email: string;
	structureName: string;
	structureType: string;
	role: string;
	departement: string;
	commune: string;
	halfDays: string[];
	/** Chosen session per slot key (`slot-1` → session id, '' for none). */
	slots: Record<string, string>;
	accessibility: string[];
	accessibilityDetails: string;
	meal: boolean;
	diets: string[];
	dietDetails: string;
	/** Answers by question id: a string, or a list for multiple choice. */
	answers: Record<string, string | string[]>;
	consentTerms: boolean;
	consentNewsletter: boolean;
	consentPhotos: boolean;
	consentSensitive: boolean;
	sendConfirmation: boolean;
	/** Opt-in to the event's participant directory (the network area acts on it after the registration). */
	networkOptIn: boolean;
}

export function emptyRegistrationForm(halfDays: string[] = []): RegistrationFormValues {
	return {
		firstName: '',
		lastName: '',
		email: '',
		structureName: '',
		structureType: '',
		role: '',
		departement: '',
		commune: '',
		halfDays,
		slots: {},
		accessibility: [],
		accessibilityDetails: '',
		meal: false,
		diets: [],
		dietDetails: '',
		answers: {},
		consentTerms: false,
		consentNewsletter: false,
		consentPhotos: false,
		consentSensitive: false,
		sendConfirmation: true,
		networkOptIn: false
	};
}

const str = (form: FormData, name: string) => String(form.get(name) ?? '');

/** Reads the posted form, keeping every value as typed. */
export function readRegistrationForm(form: FormData, questions: QuestionInfo[] = []): RegistrationFormValues {
	const slots: Record<string, string> = {};
	for (const [key, value] of form.entries()) if (/^slot-\d+$/.test(key)) slots[key] = String(value);
	const answers: Record<string, string | string[]> = {};
	for (const q of questions) answers[q.id] = q.kind === 'multiple' ? form.getAll(`q-${q.id}`).map(String) : str(form, `q-${q.id}`);
	return {
		firstName: str(form, 'firstName'),
		lastName: str(form, 'lastName'),
		email: str(form, 'email'),
		structureName: str(form, 'structureName'),
		structureType: str(form, 'structureType'),
		role: str(form, 'role'),
		departement: str(form, 'departement'),
		commune: str(form, 'commune'),
		halfDays: form.getAll('halfDays').map(String),
		slots,
		accessibility: form.getAll('accessibility').map(String),
		accessibilityDetails: str(form, 'accessibilityDetails'),
		meal: form.has('meal'),
		diets: form.getAll('diets').map(String),
		dietDetails: str(form, 'dietDetails'),
		answers,
		consentTerms: form.has('consentTerms'),
		consentNewsletter: form.has('consentNewsletter'),
		consentPhotos: form.has('consentPhotos'),
		consentSensitive: form.has('consentSensitive'),
		sendConfirmation: form.has('sendConfirmation'),
		networkOptIn: form.has('networkOptIn')
	};
}

/** The service input the values stand for; the commune is resolved here (its problem returned). */
export function registrationFormToInput(
	v: RegistrationFormValues,
	questions: QuestionInfo[] = []
): { input: Record<string, unknown>; issues: FieldIssue[]; candidates: Commune[] } {
	const commune = resolveCommune(v.commune);
	const answers: Record<string, unknown> = {};
	for (const q of questions) {
		const a = v.answers[q.id];
		if (q.kind === 'yesno') {
			if (a === 'yes') answers[q.id] = true;
			else if (a === 'no') answers[q.id] = false;
		} else if (a !== undefined && a !== '' && !(Array.isArray(a) && a.length === 0)) answers[q.id] = a;
	}
	const input: Record<string, unknown> = {
		firstName: v.firstName,
		lastName: v.lastName,
		email: v.email,
		structure: { name: v.structureName, type: v.structureType || undefined },
		role: v.role || undefined,
		inseeCode: commune.inseeCode ?? undefined,
		departement: v.departement || undefined,
		halfDays: v.halfDays,
		sessionIds: Object.values(v.slots).filter(Boolean),
		accessibility: { needs: v.accessibility, details: v.accessibilityDetails },
		meal: v.meal,
		diets: v.diets,
		dietDetails: v.dietDetails,
		consents: { terms: v.consentTerms, newsletter: v.consentNewsletter, photos: v.consentPhotos, sensitive: v.consentSensitive },
		answers
	};
	return { input, issues: commune.issue ? [{ ...commune.issue, field: 'commune' }] : [], candidates: commune.candidates ?? [] };
}

/** Service field paths → form field names, so that each message lands next to its control. */
export function registrationFieldOf(path: string): string {
	const map: Record<string, string> = {
		'structure.name': 'structureName',
		'structure.type': 'structureType',
		structure: 'structureName',
		inseeCode: 'commune',
		'consents.terms': 'consentTerms',
		'consents.sensitive': 'consentSensitive',
		'consents.newsletter': 'consentNewsletter',
		'consents.photos': 'consentPhotos',
		'accessibility.details': 'accessibilityDetails',
		'accessibility.needs': 'accessibility',
		sessionIds: 'sessions',
		dietDetails: 'dietDetails'
	};
	if (map[path]) return map[path];
	const answer = /^answers\.([^.]+)/.exec(path);
	if (answer) return `q-${answer[1]}`;
	if (/^(halfDays|diets|accessibility\.needs|sessionIds)\.\d+$/.test(path))
		return map[path.replace(/\.\d+$/, '')] ?? path.replace(/\.\d+$/, '');
	return path;
}

/**
 * The round trip of a registration form: read, resolve the commune, call `save` only when the
 * commune is clear; on any problem, the values as typed and every error keyed by form field.
 */
export async function submitRegistrationForm<T>(
	form: FormData,
	questions: QuestionInfo[],
	actions: { save: (input: Record<string, unknown>) => Promise<T>; check: (input: Record<string, unknown>) => Promise<void> }
): Promise<
	| { ok: true; result: T; values: RegistrationFormValues }
	| { ok: false; values: RegistrationFormValues; issues: FieldIssue[]; candidates: Commune[]; stale?: number | null }
> {
	const values = readRegistrationForm(form, questions);
	const { input, issues, candidates } = registrationFormToInput(values, questions);
	const fail = (more: FieldIssue[]) => ({
		ok: false as const,
		values,
		issues: [...issues, ...more].map((i) => ({ ...i, field: registrationFieldOf(i.field) })),
		candidates
	});
	try {
		if (issues.length) {
			// The commune is unclear: still check the rest (nothing is saved), to show every problem at once.
			await actions.check({ ...input, inseeCode: undefined, departement: values.departement || undefined });
			return fail([]);
		}
		return { ok: true, result: await actions.save(input), values };
	} catch (e) {
		// Someone changed the registration since the form was loaded: the route answers 409.
		if (e instanceof StaleVersionError) return { ...fail([]), stale: e.current };
		if (e instanceof ValidationError || e instanceof ConflictError)
			return fail(issues.length ? e.issues.filter((i) => i.field !== 'departement' && i.field !== 'inseeCode') : e.issues);
		throw e;
	}
}

/** "Limoges (87085)" for a stored INSEE code. */
export function communeText(inseeCode: string | null): string {
	return inseeCode ? communeLabel(findCommune(inseeCode)) : '';
}

/**
 * The status the thank-you page shows after the public form (`?statut=`): a place at the event
 * with a workshop waitlisted is `partiel`, not « confirmée »; a repeat registration is `deja`.
 */
export function thanksStatus(result: { created: boolean; status: string; sessions: { status: string }[] }): string {
	if (!result.created) return 'deja';
	if (result.status === 'waitlisted') return 'waitlisted';
	return result.sessions.some((s) => s.status === 'waitlisted') ? 'partiel' : 'confirmed';
}
