import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.testing.ts';
import { startMailWorker, type MailWorker } from './mail-worker.ts';
import { enqueueMail } from './outbox.service.ts';
import { loadConfig } from '../config.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe.each(DIALECTS)('mail worker throttle on %s', (dialect) => {
	let t: TestDb;
	let sink: SmtpSink;
	let dir: string;
	let worker: MailWorker | null = null;
	let child: ChildProcess | null = null;
	beforeEach(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'maillage-throttle-'));
		// A file, so that a second process can open the same SQLite database.
		t = await openTestDb(dialect, { file: path.join(dir, 'db.sqlite') });
		sink = await startSmtpSink();
	});
	afterEach(async () => {
		child?.kill('SIGKILL');
		await worker?.stop();
		await sink.close();
		await t.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Records when each message reaches the sink until `n` have, or 20 s have passed. */
	async function arrivalsOf(n: number): Promise<number[]> {
		const started = performance.now();
		const arrivals: number[] = [];
		while (sink.received.length < n && performance.now() - started < 20_000) {
			while (arrivals.length < sink.received.length) arrivals.push(performance.now());
			await new Promise((r) => setTimeout(r, 10));
		}
		while (arrivals.length < sink.received.length) arrivals.push(performance.now());
		return arrivals;
	}

	it('test_two_processes_sharing_the_database_send_no_more_than_the_rate_together', async () => {
		const queue = async (from: number) => {
			for (let i = from; i < from + 3; i++)
				await enqueueMail(t.db, {
					kind: 'campaign',
					to: `p${i}@exemple.fr`,
					subject: 'Campagne',
					text: 't',
					html: '<p>t</p>',
					priority: 1
				});
		};
		const url = dialect === 'sqlite' ? `file:${path.join(dir, 'db.sqlite')}` : t.url;
		// Another process with the same rate: 3 per 5-second window.
		child = spawn(process.execPath, ['tests/helpers/mail-worker-child.ts'], {
			cwd: ROOT,
			env: { ...process.env, DATABASE_URL: url, SMTP_URL: sink.url(), WORKER_ID: 'other', RATE_PER_MINUTE: '3', RATE_WINDOW_MS: '5000' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		await new Promise((resolve) => child!.stdout!.once('data', resolve)); // "ready": it polls
		await queue(0);
		worker = startMailWorker(t, { smtpUrl: sink.url(), workerId: 'here', pollMs: 50, ratePerMinute: 3, rateWindowMs: 5000 });
		worker.kick();
		const first = await arrivalsOf(3);
		await worker.stop();
		worker = null;
		await queue(3); // only the other process sends these: the window is full for both
		const arrivals = [...first.slice(0, 3), ...(await arrivalsOf(6)).slice(3)];
		expect(sink.received).toHaveLength(6);
		const later = await t.db
			.selectFrom('mail_message')
			.select('locked_by')
			.where('to_address', 'in', ['p3@exemple.fr', 'p4@exemple.fr', 'p5@exemple.fr'])
			.execute();
		expect(later.map((r) => r.locked_by)).toEqual(['other', 'other', 'other']);
		// With a throttle per process, the other one would have sent at once (it had sent little or
		// nothing itself); shared, it waits for the window (a margin: arrivals lag their sends).
		expect(arrivals[3] - arrivals[0]).toBeGreaterThan(4000);
	}, 40_000);

	it('test_worker_sends_no_more_than_its_rate_per_window_and_bulk_mail_waits_behind_the_rest', async () => {
		for (let i = 0; i < 5; i++)
			await enqueueMail(t.db, {
				kind: 'campaign',
				to: `bulk${i}@exemple.fr`,
				subject: 'Campagne',
				text: 't',
				html: '<p>t</p>',
				priority: 1
			});
		await enqueueMail(t.db, {
			kind: 'registration-confirmed',
			to: 'urgent@exemple.fr',
			subject: 'Confirmation',
			text: 't',
			html: '<p>t</p>'
		});
		const started = performance.now();
		worker = startMailWorker(t, { smtpUrl: sink.url(), pollMs: 50, ratePerMinute: 2, rateWindowMs: 1000 });
		worker.kick();
		const arrivals: number[] = [];
		while (sink.received.length < 6 && performance.now() - started < 20_000) {
			while (arrivals.length < sink.received.length) arrivals.push(performance.now());
			await new Promise((r) => setTimeout(r, 10));
		}
		while (arrivals.length < sink.received.length) arrivals.push(performance.now());
		expect(sink.received).toHaveLength(6);
		expect(sink.received[0].envelopeTo[0]).toBe('urgent@exemple.fr'); // claimed before the earlier bulk mail
		// Never three sends within one window (a margin for a slow machine: arrivals lag their sends).
		for (let i = 0; i + 2 < arrivals.length; i++) expect(arrivals[i + 2] - arrivals[i]).toBeGreaterThan(700);
	});

	it('test_rate_comes_from_MAIL_RATE_PER_MINUTE_and_off_disables_it', () => {
		expect(loadConfig({}).mailRatePerMinute).toBe(600);
		expect(loadConfig({ MAIL_RATE_PER_MINUTE: '120' }).mailRatePerMinute).toBe(120);
		expect(loadConfig({ MAIL_RATE_PER_MINUTE: 'off' }).mailRatePerMinute).toBeNull();
		expect(() => loadConfig({ MAIL_RATE_PER_MINUTE: 'vite' })).toThrow('MAIL_RATE_PER_MINUTE');
	});
});
