import { describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { insertRows } from './bulk-insert.ts';

function mail(i: number, extra: Record<string, unknown> = {}) {
	return {
		id: `m-${i}`,
		kind: 'test',
		event_id: null,
		to_address: `personne.${i}@exemple.fr`,
		subject: `Objet « ${i} » l'été`,
		text_body: i % 2 ? 'Texte "entre guillemets"' : '',
		html_body: '<p>é</p>',
		attachments: null,
		status: 'pending',
		next_attempt_at: '2027-01-01T00:00:00.000Z',
		created_at: '2027-01-01T00:00:00.000Z',
		...extra
	};
}

async function withDb(dialect: (typeof DIALECTS)[number], fn: (t: TestDb) => Promise<void>) {
	const t = await openTestDb(dialect);
	try {
		await fn(t);
	} finally {
		await t.close();
	}
}

describe.each(DIALECTS)('insertRows on %s', (dialect) => {
	it('test_rows_of_several_tables_are_written_with_their_values_and_a_column_not_given_gets_its_default', () =>
		withDb(dialect, async (t) => {
			await insertRows(t.db, [
				{ table: 'mail_message', rows: [mail(1), mail(2), mail(3, { attempts: undefined })] },
				{ table: 'setting', rows: [] },
				{
					table: 'setting',
					rows: [
						{ key: 'a', value: 'x' },
						{ key: "l'autre", value: '' }
					]
				}
			]);
			const mails = await t.db.selectFrom('mail_message').selectAll().orderBy('id').execute();
			expect(mails.map((m) => [m.id, m.subject, m.text_body, m.event_id, Number(m.attempts)])).toEqual([
				['m-1', "Objet « 1 » l'été", 'Texte "entre guillemets"', null, 0],
				['m-2', "Objet « 2 » l'été", '', null, 0],
				['m-3', "Objet « 3 » l'été", 'Texte "entre guillemets"', null, 0]
			]);
			const settings = await t.db.selectFrom('setting').selectAll().orderBy('key').execute();
			expect(settings).toEqual([
				{ key: 'a', value: 'x' },
				{ key: "l'autre", value: '' }
			]);
		}));

	it('test_more_rows_than_one_statement_may_carry_are_all_written', () =>
		withDb(dialect, async (t) => {
			// 3,000 rows × 11 columns: 33,000 parameters, more than one statement carries (30,000).
			const rows = Array.from({ length: 3000 }, (_, i) => mail(i));
			const settings = Array.from({ length: 1500 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
			await insertRows(t.db, [
				{ table: 'mail_message', rows },
				{ table: 'setting', rows: settings }
			]);
			const n = await t.db
				.selectFrom('mail_message')
				.select((eb) => eb.fn.countAll<string | number>().as('n'))
				.executeTakeFirstOrThrow();
			const s = await t.db
				.selectFrom('setting')
				.select((eb) => eb.fn.countAll<string | number>().as('n'))
				.executeTakeFirstOrThrow();
			expect([Number(n.n), Number(s.n)]).toEqual([3000, 1500]);
		}));

	it('test_rows_with_different_columns_are_refused_before_anything_is_written', () =>
		withDb(dialect, async (t) => {
			await expect(
				insertRows(t.db, [
					{ table: 'setting', rows: [{ key: 'ok', value: '1' }] },
					{ table: 'mail_message', rows: [mail(1), { ...mail(2), locked_by: 'w' }] }
				])
			).rejects.toThrow(/different columns/);
			await expect(insertRows(t.db, [{ table: 'mail_message', rows: [mail(1, { locked_by: 'w' }), mail(2)] }])).rejects.toThrow(
				/different columns/
			);
			expect(await t.db.selectFrom('setting').selectAll().execute()).toEqual([]);
		}));

	it('test_a_part_that_fails_on_postgresql_takes_the_others_with_it_as_one_statement', () =>
		withDb(dialect, async (t) => {
			await insertRows(t.db, [{ table: 'setting', rows: [{ key: 'taken', value: '1' }] }]);
			await expect(
				insertRows(t.db, [
					{ table: 'mail_message', rows: [mail(1)] },
					{ table: 'setting', rows: [{ key: 'taken', value: '2' }] }
				])
			).rejects.toThrow();
			const mails = await t.db.selectFrom('mail_message').select('id').execute();
			// PostgreSQL: one statement, all or nothing. SQLite: one statement per part (a caller
			// that needs all or nothing there runs it in a transaction, as registrations do).
			expect(mails.length).toBe(dialect === 'postgres' ? 0 : 1);
		}));
});
