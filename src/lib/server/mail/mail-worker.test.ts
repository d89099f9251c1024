import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { createDb, type DbHandle, type Dialect } from '../db/index.ts';
import { renderMail } from './mail-layout.ts';
import { smtpOptionsFromUrl, startMailWorker, type MailWorker } from './mail-worker.ts';
import { claimNextMail, enqueueMail, getMail, listOutbox, type NewMail } from './outbox.service.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.testing.ts';
import { closeTestDb } from '../../../../tests/helpers/db.ts';

function aMail(overrides: Partial<NewMail> = {}): NewMail {
	const { text, html } = renderMail({ title: 'Inscription confirmée', paragraphs: ['Bonjour Zoé, à bientôt !'] });
	return { kind: 'registration-confirmed', to: 'zoe@example.org', subject: 'Inscription confirmée', text, html, ...overrides };
}

describe('SMTP URL', () => {
	it('test_smtp_options_from_url_reads_credentials_port_and_flags', () => {
		expect(smtpOptionsFromUrl('smtp://us%40er:p%3Ass@mail.example.org:2525?ignoreTLS=true&name=maillage.example')).toMatchObject({
			host: 'mail.example.org',
			port: 2525,
			secure: false,
			ignoreTLS: true,
			name: 'maillage.example',
			auth: { user: 'us@er', pass: 'p:ss' }
		});
		expect(smtpOptionsFromUrl('smtps://mail.example.org?rejectUnauthorized=false')).toMatchObject({
			port: 465,
			secure: true,
			tls: { rejectUnauthorized: false }
		});
		expect(smtpOptionsFromUrl('smtp://localhost')).toMatchObject({ host: 'localhost', port: 587, secure: false });
		expect(smtpOptionsFromUrl('smtp://localhost').auth).toBeUndefined();
	});

	it('test_smtp_options_from_url_rejects_unknown_scheme_and_option', () => {
		expect(() => smtpOptionsFromUrl('http://mail.example.org')).toThrow(/unsupported scheme/);
		expect(() => smtpOptionsFromUrl('smtp://mail.example.org?ignoreTSL=true')).toThrow(/unknown option "ignoreTSL"/);
		expect(() => smtpOptionsFromUrl('smtp://mail.example.org?ignoreTLS=yes')).toThrow(/true or false/);
	});
});

describe('mail worker without an outbox table', () => {
	it('test_worker_drain_rejects_when_the_outbox_cannot_be_read_and_the_loop_survives', async () => {
		const handle = createDb(':memory:'); // not migrated: every query fails
		const logs: string[] = [];
		const w = startMailWorker(handle, { smtpUrl: 'smtp://127.0.0.1:1?ignoreTLS=true', pollMs: 10, log: (line) => logs.push(line) });
		try {
			await expect(w.drain()).rejects.toThrow(/no such table/);
			await expect.poll(() => logs.length).toBeGreaterThan(1); // it went on polling
			expect(logs[0]).toMatch(/^\[mail\] worker .* could not read the outbox: no such table: mail_message$/);
		} finally {
			await w.stop();
			await handle.db.destroy();
		}
	});
});

describe.each(DIALECTS)('mail worker on %s', (dialect) => {
	let t: TestDb;
	let sink: SmtpSink;
	let workers: MailWorker[];
	let logs: string[];
	const extraHandles: DbHandle[] = [];
	const log = (line: string) => logs.push(line);

	beforeEach(async () => {
		t = await openTestDb(dialect);
		sink = await startSmtpSink({ users: { 'robot@maillage': 'p@ss:w0rd' } });
		workers = [];
		logs = [];
	});
	afterEach(async () => {
		await Promise.all(workers.map((w) => w.stop()));
		await sink.close();
		await closeTestDb(t, extraHandles.splice(0));
	});

	function worker(handle: DbHandle, options: Partial<Parameters<typeof startMailWorker>[1]> = {}): MailWorker {
		const w = startMailWorker(handle, { smtpUrl: sink.url(), pollMs: 60_000, log, ...options });
		workers.push(w);
		return w;
	}

	it('test_worker_delivers_once_with_subject_french_text_html_and_attachment', async () => {
		const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
		const { text, html } = renderMail({
			title: 'Votre inscription à « Numérique en Commun[s] »',
			paragraphs: ['Bonjour Zoé,', 'Votre inscription à la journée du 12 décembre à Saint-Étienne est confirmée.'],
			action: { label: 'Voir mon inscription', url: 'https://maillage.example/inscription/42' }
		});
		const { id } = await enqueueMail(t.db, {
			kind: 'registration-confirmed',
			to: 'zoe@example.org',
			subject: 'Inscription confirmée : « Numérique en Commun[s] » à Saint-Étienne',
			text,
			html,
			attachments: [{ filename: 'billet.pdf', contentType: 'application/pdf', content: pdf }]
		});

		const w = worker(t, { smtpUrl: sink.url({ user: 'robot@maillage', pass: 'p@ss:w0rd' }) });
		await w.drain();

		expect(sink.received).toHaveLength(1);
		const got = sink.received[0];
		expect(got.authUser).toBe('robot@maillage');
		expect(got.envelopeFrom).toBe('no-reply@localhost');
		expect(got.envelopeTo).toEqual(['zoe@example.org']);
		expect(got.headers['from']).toBe('Maillage <no-reply@localhost>');
		expect(got.headers['auto-submitted']).toBe('auto-generated');
		expect(got.messageId).toBe(`<${id}@maillage>`);
		expect(got.subject).toBe('Inscription confirmée : « Numérique en Commun[s] » à Saint-Étienne');
		expect(got.text?.replace(/\r\n/g, '\n')).toBe(text);
		expect(got.text).toContain('https://maillage.example/inscription/42');
		expect(got.html).toContain('<html lang="fr"');
		expect(got.html).toContain('Votre inscription à la journée du 12 décembre à Saint-Étienne est confirmée.');
		expect(got.attachments).toEqual([{ filename: 'billet.pdf', contentType: 'application/pdf', content: pdf }]);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'sent', attempts: 1, lockedBy: w.workerId, lastError: null });
		expect(logs).toEqual([]);
	});

	it('test_worker_smtp_451_schedules_a_retry_then_delivers', async () => {
		let now = new Date();
		const { id } = await enqueueMail(t.db, aMail(), { now });
		sink.rejectNext(1, 451);

		const w = worker(t, { clock: () => now });
		await w.drain();

		const afterFailure = await getMail(t.db, id);
		expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null });
		expect(Date.parse(afterFailure!.nextAttemptAt) - now.getTime()).toBe(30_000);
		expect(afterFailure!.lastError).toMatch(/451/);
		expect(sink.received).toHaveLength(0);
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(new RegExp(`^\\[mail\\] ${id} \\(registration-confirmed\\) attempt 1 failed: .*451.*; next try at `));

		now = new Date(now.getTime() + 30_000);
		w.kick();
		await w.drain();

		expect(sink.received.map((m) => m.messageId)).toEqual([`<${id}@maillage>`]);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'sent', attempts: 2, sentAt: now.toISOString() });
	});

	it('test_worker_smtp_server_down_schedules_a_retry_then_delivers', async () => {
		const port = sink.port;
		await sink.close();
		let now = new Date();
		const { id } = await enqueueMail(t.db, aMail(), { now });

		const w = worker(t, { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, clock: () => now });
		await w.drain();

		expect(await getMail(t.db, id)).toMatchObject({ status: 'pending', attempts: 1 });
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatch(/ECONNREFUSED|connect/i);

		sink = await startSmtpSink({ port });
		now = new Date(now.getTime() + 30_000);
		w.kick();
		await w.drain();

		expect(sink.received.map((m) => m.messageId)).toEqual([`<${id}@maillage>`]);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('test_worker_picks_up_the_message_of_a_crashed_worker_but_not_of_a_live_one', async () => {
		const busy = await enqueueMail(t.db, aMail({ subject: 'en cours' }));
		await claimNextMail(t, 'live-worker', { lockMs: 60_000 });
		const longAgo = new Date(Date.now() - 10 * 60_000);
		const abandoned = await enqueueMail(t.db, aMail({ subject: 'abandonné' }), { now: longAgo });
		await claimNextMail(t, 'crashed-worker', { lockMs: 60_000, now: longAgo }); // its lock ran out 9 minutes ago
		expect(await getMail(t.db, abandoned.id)).toMatchObject({ status: 'sending', lockedBy: 'crashed-worker' });

		const w = worker(t);
		await w.drain();

		expect(sink.received.map((m) => m.messageId)).toEqual([`<${abandoned.id}@maillage>`]);
		expect(await getMail(t.db, abandoned.id)).toMatchObject({ status: 'sent', attempts: 2, lockedBy: w.workerId });
		expect(await getMail(t.db, busy.id)).toMatchObject({ status: 'sending', lockedBy: 'live-worker' });
	});

	it('test_without_a_worker_nothing_is_sent_and_the_message_stays_pending', async () => {
		const { id } = await enqueueMail(t.db, aMail());
		await new Promise((resolve) => setTimeout(resolve, 100));

		expect(sink.received).toHaveLength(0);
		expect(await listOutbox(t.db, { status: 'pending', limit: 10, offset: 0 })).toMatchObject([{ id, status: 'pending', attempts: 0 }]);
	});

	it('test_worker_kick_sends_a_message_enqueued_after_start_without_waiting_for_the_poll', async () => {
		const w = worker(t, { pollMs: 60_000 });
		await w.drain();
		const { id } = await enqueueMail(t.db, aMail());

		w.kick();
		await expect.poll(() => sink.received.length, { timeout: 5000 }).toBe(1);
		expect(sink.received[0].messageId).toBe(`<${id}@maillage>`);
	});

	it('test_worker_stop_finishes_the_send_in_flight', async () => {
		const { id } = await enqueueMail(t.db, aMail());
		const w = worker(t);
		await w.stop();

		// The first round had claimed the message when stop() came: it is sent, not left `sending`.
		expect(await getMail(t.db, id)).toMatchObject({ status: 'sent' });
		expect(sink.received).toHaveLength(1);
	});

	it('test_two_workers_on_two_handles_send_each_message_exactly_once', async () => {
		const { main, handles, cleanup } = await twoHandles(dialect, t, extraHandles);
		try {
			const ids = new Set<string>();
			for (let i = 0; i < 50; i++) ids.add((await enqueueMail(main.db, aMail({ subject: `Message ${i}` }))).id);

			const a = worker(handles[0], { workerId: 'worker-a', batch: 4 });
			const b = worker(handles[1], { workerId: 'worker-b', batch: 4 });
			await Promise.all([a.drain(), b.drain()]);
			await Promise.all([a.stop(), b.stop()]);

			const receivedIds = sink.received.map((m) => m.messageId);
			expect(receivedIds).toHaveLength(50);
			expect(new Set(receivedIds)).toEqual(new Set([...ids].map((id) => `<${id}@maillage>`)));
			const rows = await listOutbox(main.db, { limit: 100, offset: 0 });
			expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
			// Both workers took part, so the test did exercise two concurrent claimers.
			expect(new Set(rows.map((r) => r.lockedBy))).toEqual(new Set(['worker-a', 'worker-b']));
			expect(logs).toEqual([]);
		} finally {
			await cleanup();
		}
	});
});

/**
 * Two independent connections to one database, as two processes would have: two pools on
 * PostgreSQL; on SQLite, two connections to a temporary file (the suite's in-memory database
 * is private to its connection, so a file database replaces it here).
 */
async function twoHandles(
	dialect: Dialect,
	t: TestDb,
	extraHandles: DbHandle[]
): Promise<{ main: DbHandle; handles: DbHandle[]; cleanup(): Promise<void> }> {
	if (dialect === 'postgres') {
		const handles = [createDb(t.url), createDb(t.url)];
		// The afterEach closes them with t, waiting for their connections to end.
		extraHandles.push(...handles);
		return { main: t, handles, cleanup: async () => {} };
	}
	const dir = mkdtempSync(join(tmpdir(), 'maillage-mail-'));
	const file = join(dir, 'outbox.sqlite');
	const main = await openTestDb('sqlite', { file });
	const handles = [createDb(`file:${file}`), createDb(`file:${file}`)];
	return {
		main,
		handles,
		cleanup: async () => {
			await closeTestDb(main, handles);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
