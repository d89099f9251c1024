/**
 * The guarantee of a campaign's delivery: each recipient gets one message per campaign, even
 * when two workers (two processes) send it and one of them is killed in the middle of a send.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { newContactList } from '../../../../tests/factories/campaigns.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { startMailWorker, type MailWorker } from '../mail/mail-worker.ts';
import { createCampaign, queueCampaign, sendCampaignNow } from './campaign.service.ts';
import { campaignMailRenderers } from './campaign-mail.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** A real SMTP server that holds forever the first message a worker named `doomed` sends. */
async function startStallingSmtp() {
	const received: { to: string; messageId: string; headers: string }[] = [];
	let stalled: (() => void) | null = null;
	const stalledSeen = new Promise<void>((resolve) => (stalled = resolve));
	let held = false;
	const server = new SMTPServer({
		logger: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		disableReverseLookup: true,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				if (session.hostNameAppearsAs === 'doomed' && !held) {
					held = true;
					stalled?.();
					return; // never answered: the worker waits in the middle of its send
				}
				const raw = Buffer.concat(chunks).toString('latin1');
				const head = raw.split(/\r\n\r\n/, 1)[0];
				received.push({ to: session.envelope.rcptTo[0].address, messageId: /^Message-ID: (.*)$/im.exec(head)?.[1] ?? '', headers: head });
				callback(null);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		received,
		stalledSeen,
		url: (name: string) => `smtp://127.0.0.1:${port}?ignoreTLS=true&name=${name}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

async function waitFor(check: () => boolean | Promise<boolean>, ms: number) {
	const until = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > until) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe.each(DIALECTS)('campaign delivery on %s', (dialect) => {
	let t: TestDb;
	let dir: string;
	let child: ChildProcess | null = null;
	let worker: MailWorker | null = null;
	beforeEach(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'maillage-campaign-'));
		t = await openTestDb(dialect, { file: path.join(dir, 'db.sqlite') });
	});
	afterEach(async () => {
		child?.kill('SIGKILL');
		await worker?.stop();
		await t.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('test_each_recipient_gets_one_message_when_two_workers_send_and_one_is_killed_mid_send', async () => {
		const ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const emails = Array.from({ length: 30 }, (_, i) => `personne${String(i).padStart(2, '0')}@exemple.fr`);
		const list = await newContactList(ctx, owner, ev.slug, emails);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'save-the-date', audience: { lists: [list.id] } });
		// "Send now" and the periodic job of another process at once: one of them queues it.
		const [viaPage, viaJob] = await Promise.allSettled([sendCampaignNow(ctx, owner, ev.slug, c.id), queueCampaign(t.db, c.id)]);
		expect([viaPage.status === 'fulfilled', viaJob.status === 'fulfilled' && viaJob.value !== null].filter(Boolean)).toHaveLength(1);
		await renderQueuedMail(t.db, campaignMailRenderers(ctx.publicUrl));
		const smtp = await startStallingSmtp();
		try {
			const url = dialect === 'sqlite' ? `file:${path.join(dir, 'db.sqlite')}` : t.url;
			child = spawn(process.execPath, ['tests/helpers/mail-worker-child.ts'], {
				cwd: ROOT,
				env: { ...process.env, DATABASE_URL: url, SMTP_URL: smtp.url('doomed'), WORKER_ID: 'doomed', LOCK_MS: '1500' },
				stdio: ['ignore', 'pipe', 'inherit']
			});
			await smtp.stalledSeen; // the child is in the middle of a send…
			worker = startMailWorker(t, { smtpUrl: smtp.url('survivor'), workerId: 'survivor', pollMs: 100 });
			worker.kick();
			child.kill('SIGKILL'); // …and dies there
			await waitFor(() => smtp.received.length >= emails.length, 30_000);
			await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now

			expect(smtp.received.map((m) => m.to).sort()).toEqual(emails);
			expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(emails.length);
			expect(smtp.received[0].headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
			const rows = await t.db
				.selectFrom('mail_message')
				.select(['status', 'locked_by', 'attempts'])
				.where('kind', '=', 'campaign')
				.execute();
			expect(rows).toHaveLength(emails.length);
			expect(rows.every((r) => r.status === 'sent')).toBe(true);
			// The message the killed worker held was taken over once its lease ran out.
			expect(rows.filter((r) => Number(r.attempts) === 2).map((r) => r.locked_by)).toEqual(['survivor']);
		} finally {
			await worker?.stop();
			worker = null;
			await smtp.close();
		}
	}, 60_000);
});
