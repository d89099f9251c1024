/** All Kysely code of the audit log. */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { AuditLogTable } from '../db/tables/registrations.ts';

export type AuditRow = Selectable<AuditLogTable>;

export async function insertAuditRow(db: DbOrTx, row: Insertable<AuditLogTable>): Promise<void> {
	await db.insertInto('audit_log').values(row).execute();
}

/** Newest first; one query whatever the page size. */
export function listAuditRows(db: DbOrTx, args: { eventId?: string; action?: string; limit: number; offset: number }) {
	return db
		.selectFrom('audit_log')
		.selectAll()
		.$if(!!args.eventId, (q) => q.where('event_id', '=', args.eventId!))
		.$if(!!args.action, (q) => q.where('action', '=', args.action!))
		.orderBy('at', 'desc')
		.orderBy('id', 'desc')
		.limit(args.limit)
		.offset(args.offset)
		.execute();
}

export async function countAuditRows(db: DbOrTx, args: { eventId?: string; action?: string }): Promise<number> {
	const row = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.$if(!!args.eventId, (q) => q.where('event_id', '=', args.eventId!))
		.$if(!!args.action, (q) => q.where('action', '=', args.action!))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The distinct actions recorded so far, for the filter. */
export async function listAuditActions(db: DbOrTx): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
	return rows.map((r) => r.action);
}

export async function findUserEmail(db: DbOrTx, userId: string): Promise<string | null> {
	const row = await db.selectFrom('user').select('email').where('id', '=', userId).executeTakeFirst();
	return row?.email ?? null;
}
