/**
 * What the service and schema suites share: a fresh database with a service context on it, and
 * the problems of a ValidationError written `field:message`, so that a test compares them as one
 * list.
 */
import type { Dialect } from '#lib/server/db/index.ts';
import type { ServiceContext } from '#lib/server/events/event.service.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { openTestDb, type TestDb } from './db.ts';

/** A fresh, migrated database of `dialect` (`t.close()` destroys it) and a service context on it. */
export async function openServiceDb(dialect: Dialect): Promise<{ t: TestDb; ctx: ServiceContext }> {
	const t = await openTestDb(dialect);
	return { t, ctx: { db: t.db, publicUrl: 'http://localhost:3000' } };
}

function issueLines(e: unknown): string[] {
	if (e instanceof ValidationError) return e.issues.map((i) => `${i.field}:${i.message}`);
	throw e;
}

/** The `field:message` of each problem `p` is rejected with; throws unless it is a ValidationError. */
export async function issuesOf(p: Promise<unknown>): Promise<string[]> {
	try {
		await p;
	} catch (e) {
		return issueLines(e);
	}
	throw new Error('expected a ValidationError');
}

/** The same for a synchronous call (a schema, a form's reading). */
export function issuesThrownBy(run: () => unknown): string[] {
	try {
		run();
	} catch (e) {
		return issueLines(e);
	}
	throw new Error('expected a ValidationError');
}
