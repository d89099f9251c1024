/**
 * Multi-row inserts written as SQL text directly, the text kept per table, columns and number of
 * rows. Why not Kysely's builder: it turns an insert of 64 rows of 30 columns into some 2,000
 * nodes, then compiles them, every time; in a registration rush that was a tenth of the server's
 * time, for statements whose text only ever varies with the number of rows. The values are still
 * sent as parameters, as Kysely sends them.
 *
 * On PostgreSQL the parts go in ONE statement (each insert a common table expression): they are
 * written while the event's lock is held, where each round trip is time the others wait. SQLite,
 * which runs in the process and has no such statement, gets one statement per part.
 */
import { CompiledQuery } from 'kysely';
import type { Database } from './schema.ts';
import type { DbOrTx } from './index.ts';
import { columnTypes } from './dialect.ts';

export interface InsertPart<T extends keyof Database = keyof Database> {
	table: T;
	/** Rows with the same columns: a column that some rows lack is an error (no defaults are filled in). */
	rows: readonly Record<string, unknown>[];
}

/** Parameters one statement may carry: SQLite allows 32,766, PostgreSQL 65,535. */
const MAX_PARAMETERS = 30_000;
const texts = new Map<string, string>();

/** The columns of the rows: those of the first with a value (undefined means "not given", as in Kysely). */
function columnsOf(part: InsertPart): string[] {
	const columns = Object.keys(part.rows[0]).filter((key) => part.rows[0][key] !== undefined);
	const known = new Set(columns);
	for (const row of part.rows) {
		let n = 0;
		for (const key in row) {
			if (row[key] === undefined) continue;
			if (!known.has(key)) throw new Error(`insert into ${part.table}: rows with different columns ("${key}")`);
			n++;
		}
		if (n !== columns.length) throw new Error(`insert into ${part.table}: rows with different columns`);
	}
	return columns;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `insert into "t" ("a", "b") values (?, ?), (?, ?)`, with `$n` placeholders from `first` on PostgreSQL. */
function insertText(pg: boolean, table: string, columns: string[], rows: number, first: number): string {
	const key = `${pg ? 'pg' : 'sqlite'}\u0000${table}\u0000${columns.join('\u0000')}\u0000${rows}\u0000${first}`;
	let text = texts.get(key);
	if (text === undefined) {
		let n = first;
		const tuple = () => `(${columns.map(() => (pg ? `$${n++}` : '?')).join(', ')})`;
		text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
		// The texts are few (tables × batch sizes); a bound all the same.
		if (texts.size >= 2000) texts.clear();
		texts.set(key, text);
	}
	return text;
}

function parameters(part: InsertPart, columns: string[], into: unknown[]): void {
	for (const row of part.rows) for (const c of columns) into.push(row[c]);
}

/** Inserts every row of every part (parts without rows are skipped), in the order given. */
export async function insertRows(db: DbOrTx, parts: readonly InsertPart[]): Promise<void> {
	const pg = columnTypes(db).pg;
	const todo = parts.filter((p) => p.rows.length > 0).map((p) => ({ part: p, columns: columnsOf(p) }));
	const total = todo.reduce((sum, t) => sum + t.part.rows.length * t.columns.length, 0);
	if (pg && todo.length > 1 && total <= MAX_PARAMETERS) {
		const params: unknown[] = [];
		const ctes = todo.map(({ part, columns }, i) => {
			const text = insertText(true, part.table, columns, part.rows.length, params.length + 1);
			parameters(part, columns, params);
			return `i${i} as (${text})`;
		});
		await db.executeQuery(CompiledQuery.raw(`with ${ctes.join(', ')} select 1`, params));
		return;
	}
	for (const { part, columns } of todo) {
		const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
		for (let at = 0; at < part.rows.length; at += perStatement) {
			const chunk = { table: part.table, rows: part.rows.slice(at, at + perStatement) };
			const params: unknown[] = [];
			parameters(chunk, columns, params);
			await db.executeQuery(CompiledQuery.raw(insertText(pg, part.table, columns, chunk.rows.length, 1), params));
		}
	}
}
