import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './index.ts';
import * as foundation from './migrations/2026-11-22-001-foundation.ts';
import * as programme from './migrations/2026-11-22-002-programme.ts';
import * as registrations from './migrations/2026-11-22-003-registrations.ts';
import * as preparation from './migrations/2026-11-22-004-preparation.ts';
import * as programmeMore from './migrations/2026-11-22-005-programme-more.ts';
import * as mailRendering from './migrations/2026-11-22-006-mail-rendering.ts';
import * as surveys from './migrations/2026-12-05-020-surveys.ts';
import * as campaigns from './migrations/2026-12-05-030-campaigns.ts';

/** Listed by hand so that the bundled server and the CLI see the same migrations without a file scan. */
const migrations: Record<string, Migration> = {
	'2026-11-22-001-foundation': foundation,
	'2026-11-22-002-programme': programme,
	'2026-11-22-003-registrations': registrations,
	'2026-11-22-004-preparation': preparation,
	'2026-11-22-005-programme-more': programmeMore,
	'2026-11-22-006-mail-rendering': mailRendering,
	'2026-12-05-020-surveys': surveys,
	'2026-12-05-030-campaigns': campaigns
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to call from two processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider,
		migrationTableName: 'kysely_migration',
		migrationLockTableName: 'kysely_migration_lock',
		// Areas are developed side by side: a migration merged later may carry an earlier name.
		allowUnorderedMigrations: true
	});
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
