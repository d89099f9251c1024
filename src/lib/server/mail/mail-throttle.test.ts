import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.testing.ts';
import { startMailWorker, type MailWorker } from './mail-worker.ts';
import { enqueueMail } from './outbox.service.ts';
import { loadConfig } from '../config.ts';

describe.each(DIALECTS)('mail worker throttle on %s', (dialect) => {
	let t: TestDb;
	let sink: SmtpSink;
	let worker: MailWorker | null = null;
	beforeEach(async () => {
		t = await openTestDb(dialect);
		sink = await startSmtpSink();
	});
	afterEach(async () => {
		await worker?.stop();
		await sink.close();
		await t.close();
	});

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
