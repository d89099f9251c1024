import type { Kysely } from 'kysely';

// Two consents on a network profile. `public_on_structure`: the person agreed to be listed, by
// name and role only, on their structure's public page of the directory (off unless ticked).
// `in_directory`: whether the profile is an entry of a directory of people; a signed-in account
// that joins a working group as itself gets a profile that is not (0), so that joining a group
// never lists anyone in the territory's directory. Once merged, never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('network_profile')
		.addColumn('public_on_structure', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.alterTable('network_profile')
		.addColumn('in_directory', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('network_profile').dropColumn('in_directory').execute();
	await db.schema.alterTable('network_profile').dropColumn('public_on_structure').execute();
}
