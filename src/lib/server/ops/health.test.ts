import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { enqueueMail, newMailToRenderRow } from '../mail/outbox.service.ts';
import { insertMailMessage } from '../mail/outbox.queries.ts';
import { checkReadiness, getLiveness } from './health.service.ts';

const mail = { kind: 'registration-confirmed', to: 'zoe@example.org', subject: 'Inscription', text: 't', html: '<p>t</p>' };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

describe('liveness', () => {
	it('test_liveness_answers_ok_without_a_database', () => {
		expect(getLiveness()).toMatchObject({ status: 'ok' });
	});
});

describe.each(DIALECTS)('readiness on %s', (dialect) => {
	let t: TestDb;
	let dir: string;

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-health-'));
		t = await openTestDb(dialect, { file: path.join(dir, 'db.sqlite') });
	});
	afterEach(async () => {
		await t.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('test_readiness_is_ok_on_a_migrated_database_with_an_empty_outbox', async () => {
		const r = await checkReadiness(t, { smtp: true });
		expect(r.status).toBe('ok');
		expect(r.checks.database).toMatchObject({ status: 'ok', dialect });
		expect(r.checks.migrations).toEqual({ status: 'ok', pending: [] });
		expect(r.checks.outbox).toMatchObject({ status: 'ok', oldestPendingSeconds: null, oldestPreparingSeconds: null });
	});

	it('test_readiness_fails_when_a_migration_has_not_run', async () => {
		await t.db
			.deleteFrom('kysely_migration' as never)
			.where('name' as never, '=', '2026-11-22-006-mail-rendering' as never)
			.execute();
		const r = await checkReadiness(t, { smtp: false });
		expect(r.status).toBe('fail');
		expect(r.checks.migrations).toMatchObject({ status: 'fail', pending: ['2026-11-22-006-mail-rendering'] });
	});

	it('test_outbox_is_stuck_when_a_message_waits_past_the_limit_and_only_for_sending_with_smtp', async () => {
		await enqueueMail(t.db, mail, { now: minutesAgo(20) });
		const withoutSmtp = await checkReadiness(t, { smtp: false });
		expect(withoutSmtp.status).toBe('ok');
		expect(withoutSmtp.checks.outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(20 * 60);
		const withSmtp = await checkReadiness(t, { smtp: true });
		expect(withSmtp.status).toBe('fail');
		expect(withSmtp.checks.outbox.message).toBe('un e-mail attend depuis plus de 15 minutes');
		expect((await checkReadiness(t, { smtp: true, stuckAfterSeconds: 3600 })).status).toBe('ok');
	});

	it('test_outbox_is_stuck_when_an_unwritten_message_waits_past_the_limit', async () => {
		await insertMailMessage(t.db, newMailToRenderRow(mail, { template: 'x' }, { now: minutesAgo(16) }));
		const r = await checkReadiness(t, { smtp: false });
		expect(r.status).toBe('fail');
		expect(r.checks.outbox.oldestPreparingSeconds).toBeGreaterThanOrEqual(16 * 60);
	});

	it.runIf(dialect === 'sqlite')('test_readiness_reports_a_write_lock_held_by_another_process_at_once', async () => {
		const other = new BetterSqlite3(path.join(dir, 'db.sqlite'));
		other.exec('begin immediate');
		try {
			const started = performance.now();
			const r = await checkReadiness(t, { smtp: false });
			expect(performance.now() - started).toBeLessThan(500);
			expect(r.status).toBe('fail');
			expect(r.checks.database).toMatchObject({
				status: 'fail',
				message: 'la base SQLite est verrouillée en écriture par un autre processus'
			});
		} finally {
			other.exec('rollback');
			other.close();
		}
		expect((await checkReadiness(t, { smtp: false })).status).toBe('ok');
	});
});
