#!/usr/bin/env node
/**
 * `npm run bench:campaign`: a campaign to 10,000 contacts, on SQLite and on PostgreSQL (when one
 * answers on TEST_PG_URL or 127.0.0.1:5432), measured in-process through the services the app
 * uses: the CSV import of the contacts (UTF-8, `;`), the queueing of the campaign ("send now":
 * one recipient row and one outbox row per address, in one transaction), the writing of every
 * message by the outbox's renderer (placeholders, layout, unsubscribe link and headers), and the
 * delivery by a mail worker to a local SMTP server (`smtp-server`, no rate limit). Checks that
 * each address received exactly one message. Targets: queued in under 5 s, rendered at ≥ 200/s.
 *
 * Options: --contacts N (10000), --dialect sqlite|postgres (both), --no-send (skip the SMTP phase).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDb, type Dialect } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { ensureUser } from '../src/lib/server/auth/user.service.ts';
import { createEvent } from '../src/lib/server/events/event.service.ts';
import { createContactList, importContacts } from '../src/lib/server/contacts/contact.service.ts';
import { createCampaign, sendCampaignNow } from '../src/lib/server/campaigns/campaign.service.ts';
import { campaignMailRenderers } from '../src/lib/server/campaigns/campaign-mail.ts';
import { renderQueuedMail } from '../src/lib/server/mail/mail-renderer.ts';
import { startMailWorker } from '../src/lib/server/mail/mail-worker.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};
const CONTACTS = Number(arg('contacts', '10000'));

async function pgReachable(): Promise<boolean> {
	const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
	try {
		await c.connect();
		await c.end();
		return true;
	} catch {
		return false;
	}
}

async function database(dialect: Dialect, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === 'sqlite') return { url: `file:${path.join(dir, 'bench.sqlite')}`, drop: async () => {} };
	const name = `maillage_bench_campaign_${process.pid}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN });
	await admin.connect();
	await admin.query(`drop database if exists ${name}`);
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(PG_ADMIN);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const a = new pg.Client({ connectionString: PG_ADMIN });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}

async function startSink() {
	const to = new Map<string, number>();
	const server = new SMTPServer({
		logger: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		disableReverseLookup: true,
		onData(stream, session, callback) {
			stream.on('data', () => {});
			stream.on('end', () => {
				for (const r of session.envelope.rcptTo) to.set(r.address, (to.get(r.address) ?? 0) + 1);
				callback(null);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.server.address() as AddressInfo).port;
	return { to, url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function bench(dialect: Dialect, dir: string) {
	const target = await database(dialect, dir);
	const handle = createDb(target.url);
	try {
		await migrateToLatest(handle.db);
		const ctx = { db: handle.db, publicUrl: 'http://localhost:3000' };
		const user = await ensureUser(handle.db, { email: 'bench@example.org', name: 'Bench' });
		const actor = { id: user.id, isAdmin: false };
		const ev = await createEvent(ctx, actor, {
			title: `NEC bench campagne ${dialect}`,
			description: 'Mesure des campagnes.',
			themes: ['Médiation numérique', 'Numérique responsable'],
			startsAt: '2027-06-10T09:00:00+02:00',
			endsAt: '2027-06-11T17:00:00+02:00',
			format: 'onsite',
			venue: { name: 'Espace Noriac', address: '10 rue Jean Pierre Timbaud', inseeCode: '87085' },
			organisers: [{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', siret: '73282932000074', role: 'lead' }],
			label: { status: 'not_requested' }
		});
		const list = await createContactList(ctx, actor, ev.slug, { name: 'Réseau' });
		const lines = ['Prénom;Nom;Courriel;Structure'];
		for (let i = 0; i < CONTACTS; i++) lines.push(`Prénom ${i};Nom ${i};contact${i}@example.org;Structure ${i % 200}`);
		let t0 = performance.now();
		const report = await importContacts(
			ctx,
			actor,
			ev.slug,
			list.id,
			{ bytes: new TextEncoder().encode(lines.join('\r\n')) },
			{ legalBasis: 'professional' }
		);
		const importMs = performance.now() - t0;

		const campaign = await createCampaign(ctx, actor, ev.slug, { kind: 'save-the-date', audience: { lists: [list.id] } });
		t0 = performance.now();
		await sendCampaignNow(ctx, actor, ev.slug, campaign.id);
		const queueMs = performance.now() - t0;

		t0 = performance.now();
		const rendered = await renderQueuedMail(handle.db, campaignMailRenderers(ctx.publicUrl), { concurrency: 4 });
		const renderMs = performance.now() - t0;

		console.log(`\n${dialect}: ${CONTACTS} contacts`);
		console.log(`  import CSV      ${seconds(importMs)}  (${report.imported} imported, ${report.refused.length} refused)`);
		console.log(`  queue campaign  ${seconds(queueMs)}  ${queueMs < 5000 ? 'OK (< 5 s)' : 'OVER the 5 s target'}`);
		console.log(
			`  render          ${seconds(renderMs)}  ${Math.round(rendered / (renderMs / 1000))} messages/s  ${rendered / (renderMs / 1000) >= 200 ? 'OK (≥ 200/s)' : 'UNDER the 200/s target'}`
		);
		if (process.argv.includes('--no-send')) return;
		const sink = await startSink();
		const worker = startMailWorker(handle, { smtpUrl: sink.url, batch: 8, pollMs: 60_000, ratePerMinute: null, log: () => {} });
		t0 = performance.now();
		await worker.drain();
		const sendMs = performance.now() - t0;
		await worker.stop();
		await sink.close();
		const once = [...sink.to.values()].every((n) => n === 1) && sink.to.size === report.imported;

		console.log(
			`  send (SMTP)     ${seconds(sendMs)}  ${Math.round(sink.to.size / (sendMs / 1000))} messages/s to a local smtp-server, batch 8`
		);
		console.log(`  each address received exactly one message: ${once ? 'yes' : 'NO'}`);
		if (!once) process.exitCode = 1;
	} finally {
		await handle.db.destroy();
		await target.drop();
	}
}

const dialects: Dialect[] = arg('dialect', '')
	? [arg('dialect', '') as Dialect]
	: (await pgReachable())
		? ['sqlite', 'postgres']
		: ['sqlite'];
await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
const dir = await mkdtemp(path.join(ROOT, '.tmp', 'bench-campaign-'));
console.log(
	`bench:campaign — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}, Node ${process.version}`
);
try {
	for (const d of dialects) await bench(d, dir);
} finally {
	await rm(dir, { recursive: true, force: true });
}
