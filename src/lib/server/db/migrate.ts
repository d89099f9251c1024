import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './index.ts';
import * as foundation from './migrations/2026-11-22-001-foundation.ts';
import * as programme from './migrations/2026-11-22-002-programme.ts';
import * as registrations from './migrations/2026-11-22-003-registrations.ts';
import * as preparation from './migrations/2026-11-22-004-preparation.ts';
import * as programmeMore from './migrations/2026-11-22-005-programme-more.ts';
import * as mailRendering from './migrations/2026-11-22-006-mail-rendering.ts';
import * as webhooks from './migrations/2026-12-05-080-webhooks.ts';
import * as hardening from './migrations/2026-12-05-110-hardening.ts';
import * as groupFollowUp from './migrations/2026-12-06-010-working-group-follow-up.ts';
import * as editVersions from './migrations/2026-12-05-210-edit-versions.ts';
import * as report from './migrations/2026-12-05-040-report.ts';
import * as surveys from './migrations/2026-12-05-020-surveys.ts';
import * as directory from './migrations/2026-12-05-050-directory.ts';
import * as national from './migrations/2026-12-05-060-national.ts';
import * as nationalFigures from './migrations/2026-12-05-130-national-figures-activitypub.ts';
import * as campaigns from './migrations/2026-12-05-030-campaigns.ts';
import * as mailSendSlots from './migrations/2026-12-05-160-mail-send-slots.ts';
import * as network from './migrations/2026-12-05-120-network.ts';
import * as structureMerges from './migrations/2026-12-05-170-structure-merges.ts';
import * as directoryCorrections from './migrations/2026-12-06-020-directory-corrections.ts';
import * as versionsDoubleOptIn from './migrations/2026-12-06-030-versions-double-opt-in.ts';
import * as eventImages from './migrations/2026-12-06-050-event-images.ts';
import * as versionsCommittee from './migrations/2026-12-06-060-versions-committee-registration-settings.ts';
import * as versionsNetworkDirectory from './migrations/2026-12-06-070-versions-network-directory.ts';
import * as networkConsents from './migrations/2026-12-06-080-network-consents.ts';
import * as versionsProfileTeam from './migrations/2026-12-06-093-versions-profile-team.ts';
import * as structureMembers from './migrations/2026-12-06-094-structure-members.ts';

/** Listed by hand so that the bundled server and the CLI see the same migrations without a file scan. */
const migrations: Record<string, Migration> = {
	'2026-11-22-001-foundation': foundation,
	'2026-11-22-002-programme': programme,
	'2026-11-22-003-registrations': registrations,
	'2026-11-22-004-preparation': preparation,
	'2026-11-22-005-programme-more': programmeMore,
	'2026-11-22-006-mail-rendering': mailRendering,
	'2026-12-05-080-webhooks': webhooks,
	'2026-12-05-020-surveys': surveys,
	'2026-12-05-030-campaigns': campaigns,
	'2026-12-05-040-report': report,
	'2026-12-05-050-directory': directory,
	'2026-12-05-060-national': national,
	'2026-12-05-160-mail-send-slots': mailSendSlots,
	'2026-12-05-120-network': network,
	'2026-12-05-130-national-figures-activitypub': nationalFigures,
	'2026-12-05-110-hardening': hardening,
	'2026-12-05-170-structure-merges': structureMerges,
	'2026-12-05-210-edit-versions': editVersions,
	'2026-12-06-010-working-group-follow-up': groupFollowUp,
	'2026-12-06-020-directory-corrections': directoryCorrections,
	'2026-12-06-030-versions-double-opt-in': versionsDoubleOptIn,
	'2026-12-06-050-event-images': eventImages,
	'2026-12-06-060-versions-committee-registration-settings': versionsCommittee,
	'2026-12-06-070-versions-network-directory': versionsNetworkDirectory,
	'2026-12-06-080-network-consents': networkConsents,
	'2026-12-06-093-versions-profile-team': versionsProfileTeam,
	'2026-12-06-094-structure-members': structureMembers
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migratorFor(db: Db): Migrator {
	return new Migrator({
		db,
		provider,
		migrationTableName: 'kysely_migration',
		migrationLockTableName: 'kysely_migration_lock',
		// Areas are developed side by side: a migration merged later may carry an earlier name.
		allowUnorderedMigrations: true
	});
}

/** Brings the schema up to date; safe to call from two processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<string[]> {
	const { error, results } = await migratorFor(db).migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations this code knows that the database has not run (for /readyz). */
export async function listPendingMigrations(db: Db): Promise<string[]> {
	const all = await migratorFor(db).getMigrations();
	return all.filter((m) => !m.executedAt).map((m) => m.name);
}
