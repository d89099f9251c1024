/**
 * Liveness and readiness, for a load balancer, a supervisor or a monitoring probe. Liveness says
 * the process answers and touches nothing; readiness says the database answers without waiting on
 * another process's lock, every migration this code knows has run, and the outbox moves: no
 * message has been due for longer than `stuckAfterSeconds` (due and unsent without SMTP is how
 * the outbox works, so only unwritten messages count then).
 */
import type { DbHandle } from '../db/index.ts';
import { listPendingMigrations } from '../db/migrate.ts';
import { probeSqliteWriteLock } from '../db/probe.ts';
import { describeError } from '../mail/outbox.service.ts';
import { selectOldestDue, selectOne } from './health.queries.ts';

export interface Liveness {
	status: 'ok';
	uptimeSeconds: number;
}

export function getLiveness(): Liveness {
	return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
}

type Check = { status: 'ok' | 'fail'; message?: string };

export interface Readiness {
	status: 'ok' | 'fail';
	checks: {
		database: Check & { dialect: string; latencyMs?: number };
		migrations: Check & { pending?: string[] };
		outbox: Check & { oldestPendingSeconds?: number | null; oldestPreparingSeconds?: number | null; smtp: boolean };
	};
}

export interface ReadinessOptions {
	/** Whether this instance sends mail (SMTP_URL): without it, pending messages wait by design. */
	smtp: boolean;
	/** A message due for longer than this makes the outbox "stuck"; 15 minutes by default. */
	stuckAfterSeconds?: number;
	now?: Date;
}

const ageSeconds = (iso: string | null, now: Date) => (iso ? Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000)) : null);

/** Runs the three checks in order, stopping at the first that fails; never throws. */
export async function checkReadiness(handle: DbHandle, options: ReadinessOptions): Promise<Readiness> {
	const now = options.now ?? new Date();
	const stuckAfter = options.stuckAfterSeconds ?? 900;
	const skipped: Check = { status: 'fail', message: 'non vérifié' };
	const result: Readiness = {
		status: 'fail',
		checks: { database: { status: 'fail', dialect: handle.dialect }, migrations: skipped, outbox: { ...skipped, smtp: options.smtp } }
	};
	const { checks } = result;
	const started = performance.now();
	try {
		if (probeSqliteWriteLock(handle) === 'locked') {
			checks.database.message = 'la base SQLite est verrouillée en écriture par un autre processus';
			return result;
		}
		await selectOne(handle.db);
		checks.database = { status: 'ok', dialect: handle.dialect, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
	} catch (error) {
		checks.database.message = `la base ne répond pas : ${describeError(error)}`;
		return result;
	}
	try {
		const pending = await listPendingMigrations(handle.db);
		checks.migrations = pending.length
			? {
					status: 'fail',
					pending,
					message: `${pending.length} migration(s) à appliquer (redémarrez l’application ou lancez « maillage migrate »)`
				}
			: { status: 'ok', pending };
	} catch (error) {
		checks.migrations = { status: 'fail', message: `migrations illisibles : ${describeError(error)}` };
		return result;
	}
	try {
		const nowIso = now.toISOString();
		const oldestPendingSeconds = ageSeconds(await selectOldestDue(handle.db, 'pending', nowIso), now);
		const oldestPreparingSeconds = ageSeconds(await selectOldestDue(handle.db, 'preparing', nowIso), now);
		const stuck =
			(options.smtp && (oldestPendingSeconds ?? 0) > stuckAfter) || (oldestPreparingSeconds ?? 0) > stuckAfter
				? `un e-mail attend depuis plus de ${Math.round(stuckAfter / 60)} minutes`
				: undefined;
		checks.outbox = {
			status: stuck ? 'fail' : 'ok',
			oldestPendingSeconds,
			oldestPreparingSeconds,
			smtp: options.smtp,
			...(stuck ? { message: stuck } : {})
		};
	} catch (error) {
		checks.outbox = { status: 'fail', smtp: options.smtp, message: `boîte d’envoi illisible : ${describeError(error)}` };
	}
	result.status = checks.migrations.status === 'ok' && checks.outbox.status === 'ok' ? 'ok' : 'fail';
	return result;
}
