// Messages queued unwritten: not sendable until their renderer wrote them; a renderer that fails
// is tried again later and given up after MAX_MAIL_ATTEMPTS; one whose subject is gone ends failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTestDb, DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { insertMailMessage } from './outbox.queries.ts';
import {
	claimNextMail,
	getMail,
	MAX_MAIL_ATTEMPTS,
	newMailToRenderRow,
	retryMail,
	type NewMail,
	type RenderFrom
} from './outbox.service.ts';
import { renderQueuedMail, startMailRenderer, type MailRenderers } from './mail-renderer.ts';

const LOCK = { lockMs: 60_000 };

function written(from: RenderFrom): NewMail {
	return {
		kind: 'registration-confirmed',
		to: 'zoe@example.org',
		subject: `Inscription confirmée (${String(from.who)})`,
		text: `Bonjour ${String(from.who)}`,
		html: `<p>Bonjour ${String(from.who)}</p>`,
		attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR') }]
	};
}

describe.each(DIALECTS)('mail renderer on %s', (dialect) => {
	let t: TestDb;
	beforeEach(async () => {
		t = await openTestDb(dialect);
	});
	afterEach(async () => {
		await closeTestDb(t);
	});

	async function queue(from: RenderFrom, options: { now?: Date } = {}): Promise<string> {
		const row = newMailToRenderRow({ kind: 'registration-confirmed', to: 'zoe@example.org', subject: 'Inscription' }, from, options);
		await insertMailMessage(t.db, row);
		return row.id;
	}

	it('test_a_message_queued_unwritten_is_sent_only_once_its_renderer_wrote_it', async () => {
		const id = await queue({ template: 'greeting', who: 'Zoé' });
		expect(await getMail(t.db, id)).toMatchObject({ status: 'preparing', subject: 'Inscription', text: '', html: '' });
		expect(await claimNextMail(t, 'w1', LOCK)).toBeNull();

		const renderers: MailRenderers = { greeting: async (_db, from) => written(from) };
		expect(await renderQueuedMail(t.db, renderers)).toBe(1);

		const mail = await claimNextMail(t, 'w1', LOCK);
		expect(mail).toMatchObject({ id, status: 'sending', subject: 'Inscription confirmée (Zoé)', text: 'Bonjour Zoé', attempts: 1 });
		expect(mail!.attachments.map((a) => a.content.toString())).toEqual(['BEGIN:VCALENDAR']);
		const row = await t.db.selectFrom('mail_message').select('render_from').where('id', '=', id).executeTakeFirstOrThrow();
		expect(row.render_from).toBeNull();
		expect(await renderQueuedMail(t.db, renderers)).toBe(0);
	});

	it('test_a_message_whose_subject_is_gone_ends_failed_and_a_retry_writes_it_again', async () => {
		const id = await queue({ template: 'greeting', who: 'Zoé' });
		let gone = true;
		const renderers: MailRenderers = {
			greeting: async (_db, from) => (gone ? { dropped: 'the registration was deleted' } : written(from))
		};
		expect(await renderQueuedMail(t.db, renderers)).toBe(1);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'failed', lastError: 'the registration was deleted', text: '' });
		expect(await claimNextMail(t, 'w1', LOCK)).toBeNull();

		// An administrator's retry never sends the empty message: it is written again first.
		expect(await retryMail(t.db, id)).toBe(true);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'preparing' });
		gone = false;
		await renderQueuedMail(t.db, renderers);
		expect(await getMail(t.db, id)).toMatchObject({ status: 'pending', text: 'Bonjour Zoé', lastError: null });
	});

	it('test_a_failing_renderer_is_tried_again_later_then_given_up', async () => {
		const start = new Date('2027-01-10T10:00:00Z');
		const id = await queue({ template: 'greeting', who: 'Zoé' }, { now: start });
		const unknown = await queue({ template: 'nobody-writes-this' }, { now: start });
		const lines: string[] = [];
		const renderers: MailRenderers = {
			greeting: async () => {
				throw new Error('database unreachable');
			}
		};
		await renderQueuedMail(t.db, renderers, { now: start, log: (l) => lines.push(l) });
		expect(await getMail(t.db, id)).toMatchObject({ status: 'preparing', attempts: 1, lastError: 'database unreachable' });
		expect(await getMail(t.db, unknown)).toMatchObject({ status: 'failed', lastError: 'no renderer for "nobody-writes-this"' });
		expect(lines).toEqual([expect.stringContaining('database unreachable')]);
		// Not due again at once.
		await renderQueuedMail(t.db, renderers, { now: start, log: () => {} });
		expect(await getMail(t.db, id)).toMatchObject({ attempts: 1 });

		let now = start;
		for (let i = 1; i < MAX_MAIL_ATTEMPTS; i++) {
			now = new Date(now.getTime() + 7 * 3600_000);
			await renderQueuedMail(t.db, renderers, { now, log: () => {} });
		}
		expect(await getMail(t.db, id)).toMatchObject({ status: 'failed', lastError: 'could not be written: database unreachable' });
	});

	it('test_the_renderer_loop_writes_when_kicked_and_lets_other_work_pass_between_messages', async () => {
		const order: string[] = [];
		const renderers: MailRenderers = {
			greeting: async (_db, from) => {
				order.push(`write ${String(from.who)}`);
				return written(from);
			}
		};
		let told = 0;
		const loop = startMailRenderer(t.db, renderers, { pollMs: 60_000, onRendered: () => told++, log: () => {} });
		try {
			await loop.drain();
			await queue({ template: 'greeting', who: 'A' });
			await queue({ template: 'greeting', who: 'B' });
			loop.kick();
			// Work arriving meanwhile (a request) runs before the next message is written.
			setImmediate(() => order.push('request'));
			await loop.drain();
			expect(order).toEqual(['request', 'write A', 'write B']);
			expect(told).toBe(1);
			expect((await claimNextMail(t, 'w1', LOCK))?.text).toBe('Bonjour A');
		} finally {
			await loop.stop();
		}
	});

	it('test_a_hold_keeps_messages_unwritten_until_it_ends_or_its_limit_passes', async () => {
		await queue({ template: 'greeting', who: 'A' });
		const renderers: MailRenderers = { greeting: async (_db, from) => written(from) };
		let held = true;
		const writing = renderQueuedMail(t.db, renderers, { hold: { while: () => held, everyMs: 5, atMostMs: 10_000 } });
		await new Promise((r) => setTimeout(r, 100));
		const preparing = async () =>
			Number(
				(
					await t.db
						.selectFrom('mail_message')
						.select((eb) => eb.fn.countAll<string | number>().as('n'))
						.where('status', '=', 'preparing')
						.executeTakeFirstOrThrow()
				).n
			);
		expect(await preparing()).toBe(1);
		held = false;
		expect(await writing).toBe(1);
		expect(await preparing()).toBe(0);

		// A hold that never ends still lets a message through once its limit has passed.
		await queue({ template: 'greeting', who: 'B' });
		const started = performance.now();
		expect(await renderQueuedMail(t.db, renderers, { hold: { while: () => true, everyMs: 5, atMostMs: 80 } })).toBe(1);
		expect(performance.now() - started).toBeGreaterThanOrEqual(75);
	});

	it('test_messages_written_several_at_once_are_each_written_once', async () => {
		for (let i = 0; i < 10; i++) await queue({ template: 'greeting', who: `P${i}` });
		let inFlight = 0;
		let most = 0;
		const calls: string[] = [];
		const renderers: MailRenderers = {
			greeting: async (_db, from) => {
				calls.push(String(from.who));
				most = Math.max(most, ++inFlight);
				await new Promise((r) => setTimeout(r, 10));
				inFlight--;
				return written(from);
			}
		};
		expect(await renderQueuedMail(t.db, renderers, { concurrency: 4 })).toBe(10);
		expect(most).toBe(4);
		expect(calls.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `P${i}`).sort());
		const rows = await t.db.selectFrom('mail_message').select(['status', 'text_body']).execute();
		expect(rows.every((r) => r.status === 'pending' && r.text_body.startsWith('Bonjour P'))).toBe(true);
	});
});
