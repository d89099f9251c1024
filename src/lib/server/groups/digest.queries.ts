/** Kysely code of the working groups' weekly digest: who gets it, what changed, what was sent. */
import type { DbOrTx } from '../db/index.ts';

/**
 * Every membership of a member who did not stop the digest, with their address (their
 * registration's, or their account's for a signed-in member) and the group's dates: one query for
 * the whole weekly run. Cancelled registrations and archived events are left out.
 */
export function listDigestMemberships(db: DbOrTx) {
	return db
		.selectFrom('working_group_member')
		.innerJoin('network_profile', 'network_profile.id', 'working_group_member.profile_id')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.leftJoin('user', 'user.id', 'network_profile.user_id')
		.innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
		.innerJoin('event', 'event.id', 'working_group.event_id')
		.leftJoin('working_group_digest_opt_out', 'working_group_digest_opt_out.profile_id', 'network_profile.id')
		.select((eb) => [
			'network_profile.id as profile_id',
			'network_profile.registration_id',
			eb.fn.coalesce('registration.email', 'user.email').as('email'),
			'event.slug as event_slug',
			'working_group_member.joined_at',
			'working_group.id as group_id',
			'working_group.title',
			'working_group.status',
			'working_group.status_changed_at',
			'working_group.next_meeting_at',
			'working_group.next_meeting_minutes',
			'working_group.next_meeting_place',
			'working_group.meeting_changed_at',
			'event.id as event_id',
			'event.title as event_title'
		])
		.where((w) => w.or([w('registration.status', 'is', null), w('registration.status', '!=', 'cancelled')]))
		.where((w) => w.or([w('registration.email', 'is not', null), w('user.email', 'is not', null)]))
		.where('event.status', '!=', 'archived')
		.where('working_group_digest_opt_out.profile_id', 'is', null)
		.orderBy('working_group.title')
		.execute();
}

/** When each person last got a digest. */
export async function lastDigestAt(db: DbOrTx): Promise<Map<string, string | Date>> {
	const rows = await db
		.selectFrom('working_group_digest')
		.select(['profile_id', (eb) => eb.fn.max('created_at').as('at')])
		.groupBy('profile_id')
		.execute();
	return new Map(rows.map((r) => [r.profile_id, r.at as string | Date]));
}

/** Notes added to these groups since `since` (ISO), with their author. */
export function listNotesSince(db: DbOrTx, groupIds: string[], since: string) {
	if (!groupIds.length) return Promise.resolve([]);
	return db
		.selectFrom('working_group_note')
		.select(['group_id', 'title', 'url', 'author_profile_id', 'created_at'])
		.where('group_id', 'in', groupIds)
		.where('created_at', '>=', since)
		.orderBy('created_at')
		.execute();
}

/** Members who joined these groups since `since` (ISO), with their directory name. */
export function listMembersSince(db: DbOrTx, groupIds: string[], since: string) {
	if (!groupIds.length) return Promise.resolve([]);
	return db
		.selectFrom('working_group_member')
		.innerJoin('network_profile', 'network_profile.id', 'working_group_member.profile_id')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.select([
			'working_group_member.group_id',
			'working_group_member.profile_id',
			'working_group_member.joined_at',
			'network_profile.display_name'
		])
		.where('working_group_member.group_id', 'in', groupIds)
		.where('working_group_member.joined_at', '>=', since)
		.where((w) => w.or([w('registration.status', 'is', null), w('registration.status', '!=', 'cancelled')]))
		.orderBy('network_profile.display_name')
		.execute();
}

/** The profiles that got the digest of this ISO week already. */
export async function listDigestProfilesOfWeek(db: DbOrTx, isoWeek: string): Promise<Set<string>> {
	const rows = await db.selectFrom('working_group_digest').select('profile_id').where('iso_week', '=', isoWeek).execute();
	return new Set(rows.map((r) => r.profile_id));
}

/** Records this week's digest for a person; false when one was already recorded (another run). */
export async function claimGroupDigest(
	db: DbOrTx,
	row: { id: string; profile_id: string; iso_week: string; opt_out_hash: string; created_at: string }
): Promise<boolean> {
	const res = await db
		.insertInto('working_group_digest')
		.values({ ...row, mail_id: null })
		.onConflict((oc) => oc.columns(['profile_id', 'iso_week']).doNothing())
		.executeTakeFirst();
	return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setGroupDigestMail(db: DbOrTx, id: string, mailId: string): Promise<void> {
	await db.updateTable('working_group_digest').set({ mail_id: mailId }).where('id', '=', id).execute();
}

/**
 * The digest whose opt-out link carries this hash, with its person and event (a signed-in
 * member's: the event of one of their groups).
 */
export function findDigestByOptOutHash(db: DbOrTx, hash: string) {
	return db
		.selectFrom('working_group_digest')
		.innerJoin('network_profile', 'network_profile.id', 'working_group_digest.profile_id')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.leftJoin('user', 'user.id', 'network_profile.user_id')
		.leftJoin('event', 'event.id', 'registration.event_id')
		.select((eb) => [
			'working_group_digest.profile_id',
			eb.fn.coalesce('registration.email', 'user.email').as('email'),
			eb.fn
				.coalesce(
					'event.title',
					eb
						.selectFrom('working_group_member')
						.innerJoin('working_group', 'working_group.id', 'working_group_member.group_id')
						.innerJoin('event as group_event', 'group_event.id', 'working_group.event_id')
						.select('group_event.title')
						.whereRef('working_group_member.profile_id', '=', 'network_profile.id')
						.orderBy('group_event.title')
						.limit(1),
					eb.val('')
				)
				.as('title')
		])
		.where('working_group_digest.opt_out_hash', '=', hash)
		.executeTakeFirst();
}

export async function isDigestOptedOut(db: DbOrTx, profileId: string): Promise<boolean> {
	return !!(await db
		.selectFrom('working_group_digest_opt_out')
		.select('profile_id')
		.where('profile_id', '=', profileId)
		.executeTakeFirst());
}

/** Stops (or resumes) a person's digest; doing it twice changes nothing. */
export async function setDigestOptOut(db: DbOrTx, profileId: string, optOut: boolean, at: string): Promise<void> {
	if (!optOut) {
		await db.deleteFrom('working_group_digest_opt_out').where('profile_id', '=', profileId).execute();
		return;
	}
	await db
		.insertInto('working_group_digest_opt_out')
		.values({ profile_id: profileId, created_at: at })
		.onConflict((oc) => oc.column('profile_id').doNothing())
		.execute();
}
