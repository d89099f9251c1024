import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The satisfaction survey: one per event, its questions, its answers (anonymous by default: no
// registration id on an answer), who has answered (only that), and the drafts kept per private
// link. Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema
		.createTable('survey')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().unique().references('event.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('opens_at', timestamp)
		.addColumn('closes_at', timestamp)
		.addColumn('speakers_see', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('survey_question')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('survey.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('section', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('per_session', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('survey_question_survey_idx').on('survey_question').columns(['survey_id', 'position']).execute();

	// One row per answer sent (or imported). Anonymous: registration_id is null, the id is random
	// (not time-ordered) and only the day is kept, so that nothing ties it to survey_respondent.
	await db.schema
		.createTable('survey_response')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('survey_id', 'text', (c) => c.notNull().references('survey.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.references('registration.id').onDelete('set null'))
		.addColumn('submitted_on', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('respondent_role', 'text')
		.addColumn('respondent_structure_type', 'text')
		.execute();
	await db.schema.createIndex('survey_response_survey_idx').on('survey_response').column('survey_id').execute();

	await db.schema
		.createTable('survey_answer')
		.addColumn('response_id', 'text', (c) => c.notNull().references('survey_response.id').onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull().references('survey_question.id').onDelete('cascade'))
		// '' for a question asked once; the session's id for a per-session question.
		.addColumn('session_key', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('value', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('survey_answer_pk', ['response_id', 'question_id', 'session_key'])
		.execute();
	await db.schema.createIndex('survey_answer_question_idx').on('survey_answer').column('question_id').execute();

	await db.schema
		.createTable('survey_respondent')
		.addColumn('survey_id', 'text', (c) => c.notNull().references('survey.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('answered_at', timestamp, (c) => c.notNull())
		.addUniqueConstraint('survey_respondent_unique', ['survey_id', 'registration_id'])
		.execute();

	await db.schema
		.createTable('survey_draft')
		.addColumn('survey_id', 'text', (c) => c.notNull().references('survey.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('survey_draft_pk', ['survey_id', 'registration_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['survey_draft', 'survey_respondent', 'survey_answer', 'survey_response', 'survey_question', 'survey'])
		await db.schema.dropTable(table).execute();
}
