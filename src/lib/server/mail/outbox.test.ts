import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import {
	claimNextMail,
	countOutbox,
	enqueueMail,
	getMail,
	listOutbox,
	markMailFailed,
	markMailSent,
	MAX_MAIL_ATTEMPTS,
	retryDelayMs,
	retryMail,
	type NewMail
} from './outbox.service.ts';
import { closeTestDb } from '../../../../tests/helpers/db.ts';

function aMail(overrides: Partial<NewMail> = {}): NewMail {
	return {
		kind: 'registration-confirmed',
		to: 'zoe@example.org',
		subject: 'Inscription confirmée',
		text: 'Bonjour Zoé, votre inscription est confirmée.',
		html: '<p>Bonjour Zoé, votre inscription est confirmée.</p>',
		...overrides
	};
}

const LOCK_MS = 60_000;

describe('retry schedule', () => {
	it('test_retry_delay_doubles_from_thirty_seconds_and_caps_at_six_hours', () => {
		expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
		expect(retryDelayMs(7)).toBe(30_000 * 64);
		expect(retryDelayMs(20)).toBe(6 * 3600_000);
	});
});

describe.each(DIALECTS)('mail outbox on %s', (dialect) => {
	let t: TestDb;
	beforeEach(async () => {
		t = await openTestDb(dialect);
	});
	afterEach(async () => {
		await closeTestDb(t);
	});

	it('test_enqueue_mail_without_worker_stays_pending_and_is_listed', async () => {
		const attachment = {
			filename: 'billet.pdf',
			contentType: 'application/pdf',
			content: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff])
		};
		const { id } = await enqueueMail(t.db, aMail({ attachments: [attachment] }));

		const list = await listOutbox(t.db, { limit: 10, offset: 0 });
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({
			id,
			status: 'pending',
			attempts: 0,
			to: 'zoe@example.org',
			subject: 'Inscription confirmée',
			lockedBy: null,
			sentAt: null
		});
		expect(list[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(list[0]).not.toHaveProperty('html');
		const mail = await getMail(t.db, id);
		expect(mail?.attachments).toEqual([attachment]);
		expect(Buffer.isBuffer(mail?.attachments[0].content)).toBe(true);
		expect(mail?.text).toBe('Bonjour Zoé, votre inscription est confirmée.');
		expect(await countOutbox(t.db)).toEqual({ preparing: 0, pending: 1, sending: 0, sent: 0, failed: 0, total: 1 });
	});

	it('test_enqueue_mail_in_a_rolled_back_transaction_leaves_no_message', async () => {
		await expect(
			t.db.transaction().execute(async (tx) => {
				await enqueueMail(tx, aMail());
				throw new Error('the registration failed');
			})
		).rejects.toThrow('the registration failed');
		const { id } = await t.db.transaction().execute((tx) => enqueueMail(tx, aMail({ kind: 'committed' })));

		const list = await listOutbox(t.db, { limit: 10, offset: 0 });
		expect(list.map((m) => m.id)).toEqual([id]);
	});

	it('test_enqueue_mail_with_empty_recipient_throws', async () => {
		await expect(enqueueMail(t.db, aMail({ to: '  ' }))).rejects.toThrow(/recipient/);
	});

	it('test_claim_next_mail_takes_the_oldest_due_message_once', async () => {
		const now = new Date('2026-12-01T10:00:00.000Z');
		const first = await enqueueMail(t.db, aMail(), { now: new Date(now.getTime() - 2000) });
		const second = await enqueueMail(t.db, aMail(), { now: new Date(now.getTime() - 1000) });
		await enqueueMail(t.db, aMail(), { now: new Date(now.getTime() + 1000) }); // not due yet

		const a = await claimNextMail(t, 'worker-a', { lockMs: LOCK_MS, now });
		const b = await claimNextMail(t, 'worker-b', { lockMs: LOCK_MS, now });
		const c = await claimNextMail(t, 'worker-c', { lockMs: LOCK_MS, now });

		expect(a).toMatchObject({
			id: first.id,
			status: 'sending',
			lockedBy: 'worker-a',
			attempts: 1,
			lockedUntil: '2026-12-01T10:01:00.000Z'
		});
		expect(b).toMatchObject({ id: second.id, lockedBy: 'worker-b' });
		expect(c).toBeNull();
	});

	it('test_claim_next_mail_skips_a_message_locked_by_a_live_worker', async () => {
		const now = new Date();
		await enqueueMail(t.db, aMail(), { now });
		await claimNextMail(t, 'live', { lockMs: LOCK_MS, now });

		expect(await claimNextMail(t, 'other', { lockMs: LOCK_MS, now: new Date(now.getTime() + LOCK_MS - 1) })).toBeNull();
	});

	it('test_claim_next_mail_takes_over_the_message_of_a_crashed_worker', async () => {
		const now = new Date();
		const { id } = await enqueueMail(t.db, aMail(), { now });
		await claimNextMail(t, 'crashed', { lockMs: LOCK_MS, now });

		const later = new Date(now.getTime() + LOCK_MS + 1);
		const taken = await claimNextMail(t, 'rescuer', { lockMs: LOCK_MS, now: later });

		expect(taken).toMatchObject({ id, lockedBy: 'rescuer', attempts: 2 });
		expect(await markMailSent(t.db, taken!, 'crashed')).toBe(false);
		expect(await markMailFailed(t.db, id, 'crashed', new Error('late'))).toBeNull();
		expect(await markMailSent(t.db, taken!, 'rescuer', { now: later })).toBe(true);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'sent', sentAt: later.toISOString(), lockedUntil: null, lockedBy: 'rescuer' });
	});

	it('test_mark_mail_failed_backs_off_then_fails_for_good_after_eight_attempts', async () => {
		let now = new Date('2026-12-01T10:00:00.000Z');
		const { id } = await enqueueMail(t.db, aMail(), { now });

		for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
			const claimed = await claimNextMail(t, 'w', { lockMs: LOCK_MS, now });
			expect(claimed?.attempts).toBe(attempt);
			const outcome = await markMailFailed(t.db, id, 'w', new Error(`451 4.7.1 essai ${attempt}`), { now });
			if (attempt < MAX_MAIL_ATTEMPTS) {
				expect(outcome).toEqual({
					status: 'pending',
					attempts: attempt,
					nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)).toISOString()
				});
				// Not due a millisecond before its time.
				expect(await claimNextMail(t, 'w', { lockMs: LOCK_MS, now: new Date(now.getTime() + retryDelayMs(attempt) - 1) })).toBeNull();
				now = new Date(now.getTime() + retryDelayMs(attempt));
			} else {
				expect(outcome?.status).toBe('failed');
			}
		}

		expect(await getMail(t.db, id)).toMatchObject({ status: 'failed', attempts: 8, lastError: '451 4.7.1 essai 8', lockedUntil: null });
		expect(await claimNextMail(t, 'w', { lockMs: LOCK_MS, now: new Date(now.getTime() + 86_400_000) })).toBeNull();
	});

	it('test_retry_mail_puts_a_failed_message_back_to_pending', async () => {
		const now = new Date();
		const { id } = await enqueueMail(t.db, aMail(), { now });
		await t.db.updateTable('mail_message').set({ status: 'failed', attempts: 8 }).where('id', '=', id).execute();

		expect(await retryMail(t.db, id, { now })).toBe(true);
		expect(await retryMail(t.db, id, { now })).toBe(false); // no longer failed
		expect(await getMail(t.db, id)).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
		expect(await claimNextMail(t, 'w', { lockMs: LOCK_MS, now })).toMatchObject({ id, attempts: 1 });
	});

	it('test_list_outbox_filters_by_status_and_pages_newest_first', async () => {
		const base = Date.parse('2026-12-01T10:00:00.000Z');
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) ids.push((await enqueueMail(t.db, aMail({ subject: `n°${i}` }), { now: new Date(base + i * 1000) })).id);
		const claimed = await claimNextMail(t, 'w', { lockMs: LOCK_MS, now: new Date(base + 10_000) });
		await markMailSent(t.db, claimed!, 'w');

		const page1 = await listOutbox(t.db, { limit: 2, offset: 0 });
		const page2 = await listOutbox(t.db, { limit: 2, offset: 2 });
		const sent = await listOutbox(t.db, { status: 'sent', limit: 10, offset: 0 });

		expect(page1.map((m) => m.subject)).toEqual(['n°4', 'n°3']);
		expect(page2.map((m) => m.subject)).toEqual(['n°2', 'n°1']);
		expect(sent.map((m) => m.id)).toEqual([ids[0]]);
		expect(await countOutbox(t.db)).toEqual({ preparing: 0, pending: 4, sending: 0, sent: 1, failed: 0, total: 5 });
	});
});
