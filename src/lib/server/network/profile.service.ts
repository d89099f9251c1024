/**
 * The opt-in directory of people. A participant appears in their event's directory only after
 * ticking it (at registration or from their private link), with what they do, need and offer;
 * they withdraw at any time, which deletes their profile and, by cascade, everything of theirs in
 * the network (posts, contact requests, meetings, group memberships). Only opted-in participants
 * (while the directory is open) and the event's team read it. Signed-in people have one profile of
 * their own for the territory's directory (`/reseau`), read by the other signed-in people who opted in.
 * Either may also agree to be listed, by name and role only, on their structure's public page of
 * the directory (`publicOnStructure`, off by default); withdrawing removes them from it too.
 */
import type { Actor } from '../auth/permissions.ts';
import { assertEventPermission } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { toIso } from '../db/time.ts';
import { normaliseText } from '../directory/place.service.ts';
import { SERVICES } from '../directory/lieux-schema.ts';
import { ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import { z } from 'zod';
import {
	countEventProfiles,
	deleteProfile,
	findNetworkEvent,
	findProfileByRegistration,
	findDirectoryProfileByUser,
	findProfileByUser,
	findRegistrationForNetworkById,
	insertProfileOnce,
	listAccountProfiles,
	listEventProfiles,
	updateProfile,
	upsertNetworkSetting,
	type NetworkEventRow,
	type ProfileRow
} from './network.queries.ts';
import { newRowId } from '../db/row-id.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import type { Insertable } from 'kysely';
import type { NetworkProfileTable } from '../db/tables/network.ts';
import { peopleFilterSchema, profileInputSchema, type PersonView, type ProfileInput } from './profile.schema.ts';
import {
	assertDirectoryReadable,
	directoryClosesAt,
	getNetworkSettings,
	participantFromToken,
	resolveEventViewer,
	type NetworkWho
} from './network-viewer.ts';

/** The themes a person may tick: the event's axes, then the services of the national schema. */
export function themeChoices(event: Pick<NetworkEventRow, 'themes'> | null): string[] {
	const axes = event ? (JSON.parse(event.themes) as string[]) : [];
	return [...axes, ...SERVICES.filter((s) => !axes.includes(s))];
}

function checkThemes(input: ProfileInput, choices: string[]): void {
	const bad = input.themes.filter((th) => !choices.includes(th));
	if (bad.length) throw new ValidationError([{ field: 'themes', message: 'errors.invalidChoice' }]);
}

/** The person's own entry: what others see, their consent to their structure's public page, and the version their form carries. */
export function toOwnView(row: ProfileRow): PersonView & { publicOnStructure: boolean; version: number } {
	return { ...toPersonView(row), publicOnStructure: Number(row.public_on_structure) === 1, version: Number(row.version) };
}

/**
 * Writes a person's profile at the version their form was loaded from (no lost update): over the
 * `existing` one only while it still has that version; none yet (version 0, or no version named)
 * inserts one unless another was made meanwhile. StaleVersionError, nothing written, otherwise
 * (its `current` is 0 when the profile was withdrawn since: saving again makes it anew).
 */
async function writeProfile(
	ctx: ServiceContext,
	existing: ProfileRow | undefined,
	fields: Omit<Insertable<NetworkProfileTable>, 'id' | 'event_id' | 'registration_id' | 'user_id' | 'created_at'>,
	owner: Pick<Insertable<NetworkProfileTable>, 'event_id' | 'registration_id' | 'user_id'>,
	find: () => Promise<ProfileRow | undefined>,
	version: ExpectedVersion
): Promise<ProfileRow> {
	const named = version !== undefined;
	if (existing) {
		if (!(await updateProfile(ctx.db, existing.id, fields, versionsToWrite(version, Number(existing.version))))) {
			const now = await find();
			throw new StaleVersionError(now ? Number(now.version) : 0, named);
		}
		return (await find())!;
	}
	if (named && !(Array.isArray(version) ? version : [version]).includes(0)) throw new StaleVersionError(0, true);
	const id = newRowId();
	await insertProfileOnce(ctx.db, { id, ...owner, created_at: fields.updated_at!, in_directory: 1, ...fields });
	const row = (await find())!;
	if (row.id !== id) throw new StaleVersionError(Number(row.version), named);
	return row;
}

export function toPersonView(row: ProfileRow): PersonView {
	return {
		id: row.id,
		name: row.display_name,
		structureName: row.structure_name,
		structureType: row.structure_type,
		role: row.role,
		departement: row.departement,
		activity: row.activity,
		needs: row.needs,
		offers: row.offers,
		themes: JSON.parse(row.themes) as string[]
	};
}

/**
 * Puts a registration in its event's directory (or updates what it says). Called with the
 * registration's id right after a registration that ticked the box, or through the private link,
 * whose form names the profile's `version` (0: none when loaded; see writeProfile).
 */
export async function optInRegistration(ctx: ServiceContext, registrationId: string, input: unknown, version?: ExpectedVersion) {
	const parsed = parseOrThrow(profileInputSchema, input ?? {});
	const reg = await findRegistrationForNetworkById(ctx.db, registrationId);
	if (!reg) throw new NotFoundError('registration');
	if (reg.status === 'cancelled') throw new ForbiddenError('cancelled');
	const event = await findNetworkEvent(ctx.db, { id: reg.event_id });
	checkThemes(parsed, themeChoices(event ?? null));
	const now = new Date().toISOString();
	const fields = {
		display_name: `${reg.first_name} ${reg.last_name}`.trim(),
		structure_name: reg.structure_name,
		structure_type: reg.structure_type,
		role: reg.role,
		departement: reg.departement,
		activity: parsed.activity,
		needs: parsed.needs,
		offers: parsed.offers,
		themes: JSON.stringify(parsed.themes),
		public_on_structure: parsed.publicOnStructure ? 1 : 0,
		updated_at: now
	};
	const find = () => findProfileByRegistration(ctx.db, reg.id);
	const owner = { event_id: reg.event_id, registration_id: reg.id, user_id: null };
	return toOwnView(await writeProfile(ctx, await find(), fields, owner, find, version));
}

/** The participant opts in (or edits their entry) from their private link, at the version their form was loaded from. */
export async function optInByToken(ctx: ServiceContext, token: string, input: unknown, version?: ExpectedVersion) {
	const viewer = await participantFromToken(ctx.db, token);
	return optInRegistration(ctx, viewer.registration.id, input, version);
}

/** The participant leaves the directory: their profile and everything hanging from it go at once. */
export async function withdrawByToken(ctx: ServiceContext, token: string): Promise<void> {
	const viewer = await participantFromToken(ctx.db, token);
	if (viewer.profile) await deleteProfile(ctx.db, viewer.profile.id);
}

/** What the participant's network page needs about themselves: their entry (or null) and the directory's dates. */
export async function getOwnNetwork(ctx: ServiceContext, token: string, now: Date = new Date()) {
	const viewer = await participantFromToken(ctx.db, token);
	const settings = await getNetworkSettings(ctx.db, viewer.event.id);
	const closesAt = directoryClosesAt(toIso(viewer.event.ends_at), settings.openDaysAfter);
	return {
		event: {
			id: viewer.event.id,
			slug: viewer.event.slug,
			title: viewer.event.title,
			startsAt: toIso(viewer.event.starts_at),
			endsAt: toIso(viewer.event.ends_at)
		},
		profile: viewer.profile ? toOwnView(viewer.profile) : null,
		profileId: viewer.profile?.id ?? null,
		cancelled: viewer.registration.status === 'cancelled',
		closesAt,
		open: now.toISOString() <= closesAt,
		meetingPoint: settings.meetingPoint,
		themeChoices: themeChoices(viewer.event)
	};
}

function matches(p: PersonView, f: z.output<typeof peopleFilterSchema>): boolean {
	if (f.theme && !p.themes.includes(f.theme)) return false;
	if (f.departement && p.departement !== f.departement) return false;
	if (f.role && p.role !== f.role) return false;
	if (f.structureType && p.structureType !== f.structureType) return false;
	if (f.q) {
		const needle = normaliseText(f.q);
		const hay = normaliseText([p.name, p.structureName, p.activity, p.needs, p.offers].join(' '));
		if (!hay.includes(needle)) return false;
	}
	return true;
}

/**
 * The event's participant directory, filtered (theme, département, role, structure type, text):
 * for opted-in participants while it is open, and for the team. ForbiddenError for a participant
 * who has not opted in; NotFoundError for anyone else.
 */
export async function listEventPeople(
	ctx: ServiceContext,
	who: NetworkWho,
	slug: string | undefined,
	filter: unknown,
	now: Date = new Date()
) {
	const f = parseOrThrow(peopleFilterSchema, filter ?? {});
	const viewer = await resolveEventViewer(ctx.db, who, slug);
	await assertDirectoryReadable(ctx.db, viewer, now);
	const all = (await listEventProfiles(ctx.db, viewer.event.id)).map(toPersonView);
	const items = all.filter((p) => matches(p, f));
	return { items, total: items.length, departements: [...new Set(all.map((p) => p.departement).filter((d): d is string => !!d))].sort() };
}

/** The team sets where participants meet and how long the directory stays open after the event. */
export const networkSettingsSchema = z.object({
	meetingPoint: z.preprocess((v) => v ?? '', z.string().trim().max(200)),
	openDaysAfter: z.coerce
		.number({ message: 'errors.invalidType' })
		.int()
		.min(0)
		.max(3 * 366)
});

export async function updateNetworkSettings(ctx: ServiceContext, actor: Actor, slug: string, input: unknown) {
	const event = await findNetworkEvent(ctx.db, { slug });
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	const parsed = parseOrThrow(networkSettingsSchema, input);
	await upsertNetworkSetting(ctx.db, event.id, parsed.meetingPoint, parsed.openDaysAfter);
	return parsed;
}

/** How many people are in the event's directory (the team's overview; counts, never contents). */
export async function countEventPeople(ctx: ServiceContext, eventId: string): Promise<number> {
	return countEventProfiles(ctx.db, eventId);
}

// ---------------------------------------------------------------------------------------------
// Signed-in people (the territory's directory)

/** The signed-in person's own entry, or null. */
export async function getOwnAccountProfile(ctx: ServiceContext, actor: Actor) {
	if (!actor) throw new NotFoundError('user');
	const row = await findDirectoryProfileByUser(ctx.db, actor.id);
	return row ? toOwnView(row) : null;
}

export const accountProfileSchema = profileInputSchema.extend({
	name: z.string().trim().min(1).max(120),
	structureName: z.preprocess((v) => v ?? '', z.string().trim().max(200)),
	departement: z.preprocess(
		(v) => (v === '' || v === undefined ? null : v),
		z
			.string()
			.regex(/^(\d{2}|2[AB]|97\d)$/u, 'errors.invalid')
			.nullable()
	)
});

/**
 * A signed-in person opts in to the territory's directory, or edits their entry, at the version
 * their form was loaded from (0: no entry then; see writeProfile).
 */
export async function saveAccountProfile(ctx: ServiceContext, actor: Actor, input: unknown, version?: ExpectedVersion) {
	if (!actor) throw new NotFoundError('user');
	const parsed = parseOrThrow(accountProfileSchema, input);
	checkThemes(parsed, themeChoices(null));
	const now = new Date().toISOString();
	const fields = {
		display_name: parsed.name,
		structure_name: parsed.structureName,
		structure_type: 'autre',
		role: 'autre',
		departement: parsed.departement,
		activity: parsed.activity,
		needs: parsed.needs,
		offers: parsed.offers,
		themes: JSON.stringify(parsed.themes),
		public_on_structure: parsed.publicOnStructure ? 1 : 0,
		in_directory: 1,
		updated_at: now
	};
	// A profile made when the person joined a working group becomes their directory entry: their
	// form showed no entry (version 0), which is what that profile was for the directory.
	const find = () => findProfileByUser(ctx.db, actor.id);
	const existing = await find();
	const outOfDirectory = existing && Number(existing.in_directory) === 0;
	const expected = outOfDirectory ? newAsCurrent(version, Number(existing.version)) : version;
	const owner = { event_id: null, registration_id: null, user_id: actor.id };
	return toOwnView(await writeProfile(ctx, existing, fields, owner, find, expected));
}

/** `version` with 0 (no entry when the form or the caller read it) read as `current`. */
function newAsCurrent(version: ExpectedVersion, current: number): ExpectedVersion {
	if (Array.isArray(version)) return version.map((v) => (v === 0 ? current : v));
	return version === 0 ? current : version;
}

/** The signed-in person leaves the territory's directory (and everything of theirs in it). */
export async function withdrawAccountProfile(ctx: ServiceContext, actor: Actor): Promise<void> {
	if (!actor) throw new NotFoundError('user');
	const row = await findDirectoryProfileByUser(ctx.db, actor.id);
	if (row) await deleteProfile(ctx.db, row.id);
}

/** The territory's directory of signed-in people: only for those who opted in themselves. */
export async function listAccountPeople(ctx: ServiceContext, actor: Actor, filter: unknown) {
	const f = parseOrThrow(peopleFilterSchema, filter ?? {});
	if (!actor) throw new NotFoundError('user');
	if (!(await findDirectoryProfileByUser(ctx.db, actor.id))) throw new ForbiddenError('not-opted-in');
	const items = (await listAccountProfiles(ctx.db)).map(toPersonView).filter((p) => matches(p, f));
	return { items, total: items.length };
}
