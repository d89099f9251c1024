/**
 * Form adapters of the edits: a stored registration as the values of the registration form (so
 * that organisers correct it with the form they know), and the person's needs form read back.
 */
import { communeText, emptyRegistrationForm, type RegistrationFormValues } from './registration.form.ts';
import type { QuestionInfo } from './registration-event.ts';
import type { ParticipantView } from './registration-views.ts';

/** The registration as the form shows it: one choice per slot, answers as typed. */
export function editFormValues(
	p: ParticipantView,
	slots: { key: string; sessions: { id: string }[] }[],
	questions: QuestionInfo[]
): RegistrationFormValues {
	const held = new Set(p.sessions.map((s) => s.id));
	const answers: Record<string, string | string[]> = {};
	for (const q of questions) {
		const v = p.answers[q.id];
		if (v === undefined) continue;
		answers[q.id] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? v.map(String) : String(v);
	}
	return {
		...emptyRegistrationForm(p.halfDays),
		firstName: p.firstName,
		lastName: p.lastName,
		email: p.email ?? '',
		structureName: p.structure.name,
		structureType: p.structure.type,
		role: p.role,
		departement: p.departement ?? '',
		commune: communeText(p.inseeCode),
		slots: Object.fromEntries(slots.map((slot) => [slot.key, slot.sessions.find((s) => held.has(s.id))?.id ?? ''])),
		accessibility: p.accessibility.needs,
		accessibilityDetails: p.accessibility.details,
		meal: p.meal,
		diets: p.diets,
		dietDetails: p.dietDetails,
		answers,
		consentNewsletter: p.consents.newsletter,
		consentPhotos: p.consents.photos,
		// Health details were given with the express consent: it stands until the person withdraws it.
		consentSensitive: p.accessibility.needs.length > 0 || p.accessibility.details !== '' || p.dietDetails !== '',
		sendConfirmation: true
	};
}

/** The needs form posted from the private page, as the service's input. */
export function readOwnNeedsForm(form: FormData) {
	return {
		halfDays: form.getAll('halfDays').map(String),
		accessibility: { needs: form.getAll('accessibility').map(String), details: String(form.get('accessibilityDetails') ?? '') },
		meal: form.has('meal'),
		diets: form.getAll('diets').map(String),
		dietDetails: String(form.get('dietDetails') ?? ''),
		consents: { sensitive: form.has('consentSensitive') }
	};
}
