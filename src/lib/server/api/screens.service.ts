/**
 * What the organisers' screens do, for the JSON API: each function calls the area's own service
 * (which checks the permissions and validates the input) and shapes its result as the schemas of
 * `screens.schema.ts` say. Nothing is decided here.
 */
import type { Actor } from '../auth/permissions.ts';
import { browseAuditLog } from '../audit/audit.service.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { inviteMember, listTeam } from '../events/team.service.ts';
import { getLogistics, type LogisticsItemView } from '../planning/logistics.service.ts';
import type { RegistrationContext } from '../registrations/registration.service.ts';
import { addQuestion, getRegistrationSettings, updateRegistrationSettings } from '../registrations/registration-settings.service.ts';
import type { QuestionInfo } from '../registrations/registration-event.ts';
import { ValidationError } from '../validation.ts';
import type { ExpectedVersion } from '../edit-version.ts';

/** The team, as `TeamMember`s. */
export const listTeamForApi = listTeam;

/** Gives someone a role; `created` is true when they were not on the team yet. */
export async function inviteMemberForApi(ctx: ServiceContext, actor: Actor, slug: string, input: unknown) {
	const invited = await inviteMember(ctx, actor, slug, input);
	return { body: invited, created: invited.outcome === 'added' };
}

const questionForApi = (q: QuestionInfo) => ({
	id: q.id,
	label: q.label,
	kind: q.kind,
	options: q.options,
	required: q.required,
	position: q.position
});

/** The registration settings, the counts and the organisers' questions (`RegistrationSettings`). */
export async function getRegistrationSettingsForApi(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	warning: { confirmed: number } | null = null
) {
	const { settings, confirmed, waiting, questions } = await getRegistrationSettings(ctx, actor, slug);
	return {
		capacity: settings.capacity,
		registrationOpensAt: settings.registrationOpensAt,
		registrationClosesAt: settings.registrationClosesAt,
		closesAt: settings.closesAt,
		waitlistEnabled: settings.waitlistEnabled,
		doubleOptIn: settings.doubleOptIn,
		reminders: settings.reminders,
		confirmed,
		waiting,
		questions: questions.map(questionForApi),
		warning,
		version: settings.version
	};
}

/** Changes the settings (organisers) at the version If-Match names, then reads them back with the capacity warning. */
export async function updateRegistrationSettingsForApi(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
) {
	const { warning } = await updateRegistrationSettings(ctx, actor, slug, input, version);
	return getRegistrationSettingsForApi(ctx, actor, slug, warning);
}

/** Adds a question at the end of the form and returns it. */
export async function addQuestionForApi(ctx: RegistrationContext, actor: Actor, slug: string, input: unknown) {
	const id = await addQuestion(ctx, actor, slug, input);
	const { questions } = await getRegistrationSettings(ctx, actor, slug);
	return questionForApi(questions.find((q) => q.id === id)!);
}

/** A checklist item as the API has it (`ChecklistItem`). */
export function checklistItemForApi(i: LogisticsItemView) {
	return {
		id: i.id,
		category: i.category,
		title: i.title,
		capacity: i.capacity,
		dueDate: i.dueDate,
		offsetDays: i.offsetDays,
		status: i.status,
		owner: i.owner,
		notes: i.notes,
		late: i.late,
		version: i.version
	};
}

/** The whole logistics checklist, in the template's category order. */
export async function listChecklistForApi(ctx: ServiceContext, actor: Actor, slug: string) {
	const { groups } = await getLogistics(ctx, actor, slug);
	return groups.flatMap((g) => g.items.map(checklistItemForApi));
}

/** One page of the audit log (administrators; others get 404): `?page`, `?action`, `?eventId`. */
export async function browseAuditLogForApi(ctx: ServiceContext, actor: Actor, params: URLSearchParams) {
	const raw = params.get('page');
	if (raw !== null && !/^[1-9]\d{0,5}$/.test(raw)) throw new ValidationError([{ field: 'page', message: 'errors.invalid' }]);
	return browseAuditLog(ctx.db, actor, { page: raw ? Number(raw) : 1, action: params.get('action'), eventId: params.get('eventId') });
}
