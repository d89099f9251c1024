/** Kysely code of the network area: profiles, the event's network settings, who may see whom. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { NetworkProfileTable } from '../db/tables/network.ts';

export type ProfileRow = Selectable<NetworkProfileTable>;

/** The few event fields the network needs, by slug or id. */
export function findNetworkEvent(db: DbOrTx, by: { slug: string } | { id: string }) {
	let q = db.selectFrom('event').select(['id', 'slug', 'title', 'status', 'starts_at', 'ends_at', 'themes', 'venue_name', 'venue_commune']);
	q = 'slug' in by ? q.where('slug', '=', by.slug) : q.where('id', '=', by.id);
	return q.executeTakeFirst();
}
export type NetworkEventRow = NonNullable<Awaited<ReturnType<typeof findNetworkEvent>>>;

export function findRegistrationForNetwork(db: DbOrTx, hash: string) {
	return db
		.selectFrom('registration')
		.leftJoin('registration_token', 'registration_token.registration_id', 'registration.id')
		.select([
			'registration.id',
			'registration.event_id',
			'registration.status',
			'registration.first_name',
			'registration.last_name',
			'registration.structure_name',
			'registration.structure_type',
			'registration.role',
			'registration.departement'
		])
		.where((eb) => eb.or([eb('registration.manage_token_hash', '=', hash), eb('registration_token.token_hash', '=', hash)]))
		.executeTakeFirst();
}

export function findRegistrationForNetworkById(db: DbOrTx, id: string) {
	return db
		.selectFrom('registration')
		.select(['id', 'event_id', 'status', 'first_name', 'last_name', 'structure_name', 'structure_type', 'role', 'departement'])
		.where('id', '=', id)
		.executeTakeFirst();
}
export type NetworkRegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistrationForNetworkById>>>;

export function findProfileByRegistration(db: DbOrTx, registrationId: string) {
	return db.selectFrom('network_profile').selectAll().where('registration_id', '=', registrationId).executeTakeFirst();
}

export function findProfileByUser(db: DbOrTx, userId: string) {
	return db.selectFrom('network_profile').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function findProfileById(db: DbOrTx, id: string) {
	return db.selectFrom('network_profile').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProfile(db: DbOrTx, row: Insertable<NetworkProfileTable>): Promise<void> {
	await db.insertInto('network_profile').values(row).execute();
}

/** Inserts a profile unless the registration or account already has one (two requests at once). */
export async function insertProfileOnce(db: DbOrTx, row: Insertable<NetworkProfileTable>): Promise<void> {
	await db
		.insertInto('network_profile')
		.values(row)
		.onConflict((oc) => oc.doNothing())
		.execute();
}

/** Changes a profile and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateProfile(db: DbOrTx, id: string, patch: Updateable<NetworkProfileTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('network_profile')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteProfile(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('network_profile').where('id', '=', id).execute();
}

/**
 * The people of an event's participant directory: opted-in profiles whose registration is not
 * cancelled (a cancelled person stays out until they register again).
 */
export function listEventProfiles(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('network_profile')
		.innerJoin('registration', 'registration.id', 'network_profile.registration_id')
		.selectAll('network_profile')
		.where('network_profile.event_id', '=', eventId)
		.where('registration.status', '!=', 'cancelled')
		.orderBy('network_profile.display_name')
		.execute();
}

/** The entry of a signed-in person in the territory's directory (not a profile made only for a working group). */
export function findDirectoryProfileByUser(db: DbOrTx, userId: string) {
	return db.selectFrom('network_profile').selectAll().where('user_id', '=', userId).where('in_directory', '=', 1).executeTakeFirst();
}

/** Profiles of signed-in people (the territory's directory on /reseau). */
export function listAccountProfiles(db: DbOrTx) {
	return db
		.selectFrom('network_profile')
		.selectAll()
		.where('user_id', 'is not', null)
		.where('in_directory', '=', 1)
		.orderBy('display_name')
		.execute();
}

/**
 * People who agreed to be listed on their structure's public page, with what matches them to a
 * structure (its name, their commune): participants whose registration is not cancelled, and
 * signed-in people. Only names and roles leave the directory service.
 */
export function listPublicStructurePeople(db: DbOrTx) {
	return db
		.selectFrom('network_profile')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.select([
			'network_profile.id',
			'network_profile.display_name',
			'network_profile.role',
			'network_profile.structure_name',
			'network_profile.structure_type',
			'registration.commune'
		])
		.where('network_profile.public_on_structure', '=', 1)
		.where('network_profile.in_directory', '=', 1)
		.where((w) => w.or([w('registration.status', 'is', null), w('registration.status', '!=', 'cancelled')]))
		.where('network_profile.structure_name', '!=', '')
		.orderBy('network_profile.display_name')
		.execute();
}

/** The e-mail address and language behind a profile (registration or account); never shown on a page. */
export async function findProfileAddress(db: DbOrTx, profileId: string): Promise<{ email: string | null; lang: string } | undefined> {
	return db
		.selectFrom('network_profile')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.leftJoin('user', 'user.id', 'network_profile.user_id')
		.select((eb) => [
			eb.fn.coalesce('registration.email', 'user.email').as('email'),
			eb.fn.coalesce('registration.lang', 'user.locale', eb.val('fr')).as('lang')
		])
		.where('network_profile.id', '=', profileId)
		.executeTakeFirst() as Promise<{ email: string | null; lang: string } | undefined>;
}

export function findNetworkSetting(db: DbOrTx, eventId: string) {
	return db.selectFrom('network_event_setting').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export async function upsertNetworkSetting(db: DbOrTx, eventId: string, meetingPoint: string, openDaysAfter: number): Promise<void> {
	await db
		.insertInto('network_event_setting')
		.values({ event_id: eventId, meeting_point: meetingPoint, open_days_after: openDaysAfter })
		.onConflict((oc) => oc.column('event_id').doUpdateSet({ meeting_point: meetingPoint, open_days_after: openDaysAfter }))
		.execute();
}

/** How many people opted in to an event's directory (organisers see counts). */
export async function countEventProfiles(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('network_profile')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', eventId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
