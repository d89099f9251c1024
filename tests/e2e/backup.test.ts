// `maillage backup` on a running instance in the middle of a stream of registrations, then
// `maillage restore` into a fresh database: every registration acknowledged before the backup
// began and every e-mail then in the outbox is there, and the restored database serves.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '#lib/server/db/index.ts';
import { DIALECTS, createTestDatabaseUrl } from '../helpers/db.ts';
import { ROOT, cli, createUserWithToken, runCli } from './support.ts';
import { spawnApp, type HeldApp } from './ops-support.ts';

const TOTAL = 80;

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
	let dir: string;
	const databases: { url: string; drop(): Promise<void> }[] = [];
	let app: HeldApp;
	let token: string;

	beforeAll(async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'backup-'));
	});
	afterAll(async () => {
		await app?.stop();
		for (const d of databases) await d.drop();
		await rm(dir, { recursive: true, force: true });
	});

	async function freshDatabase(name: string): Promise<string> {
		const sub = path.join(dir, name);
		await mkdir(sub, { recursive: true });
		const d = await createTestDatabaseUrl(dialect, sub);
		databases.push(d);
		return d.url;
	}

	it('test_a_backup_taken_during_registrations_restores_every_acknowledged_registration_and_outbox_message', async () => {
		const source = await freshDatabase('source');
		app = await spawnApp(source);
		token = await createUserWithToken('sauvegarde@exemple.org', source);
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const created = await fetch(`${app.url}/api/v1/events`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				title: 'Sauvegarde en direct',
				themes: ['Inclusion', 'Communs'],
				startsAt: '2027-10-07T09:00:00+02:00',
				endsAt: '2027-10-07T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Halle', inseeCode: '87085' }
			})
		}).then((r) => r.json());
		const published = await fetch(`${app.url}/api/v1/events/${created.slug}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ status: 'published', capacity: 1000 })
		});
		expect(published.status).toBe(200);

		const acknowledged: { id: string; at: number }[] = [];
		let next = 0;
		let backupStartedAt = Infinity;
		let outboxBefore: string[] = [];
		const register = async () => {
			while (next < TOTAL) {
				const n = next++;
				const res = await fetch(`${app.url}/api/v1/events/${created.slug}/registrations`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						firstName: 'Personne',
						lastName: `Numéro ${n}`,
						email: `sauvegarde.${n}@exemple.org`,
						structure: { name: `Structure ${n % 7}`, type: 'association' },
						role: 'mediateur-numerique',
						inseeCode: '87085',
						consents: { terms: true }
					})
				});
				const body = await res.json();
				expect(res.status).toBe(201);
				acknowledged.push({ id: body.id, at: Date.now() });
			}
		};
		const file = path.join(dir, dialect === 'sqlite' ? 'direct.sqlite' : 'direct.dump');
		const backup = (async () => {
			while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 10));
			const h = createDb(source);
			try {
				outboxBefore = (await h.db.selectFrom('mail_message').select('id').execute()).map((r) => r.id);
			} finally {
				await h.db.destroy();
			}
			backupStartedAt = Date.now();
			return cli(['backup', '--out', file], source);
		})();
		await Promise.all([...Array.from({ length: 6 }, register), backup]);
		expect((await backup).stdout).toMatch(/^Sauvegarde écrite : /);
		const before = acknowledged.filter((a) => a.at < backupStartedAt).map((a) => a.id);
		expect(before.length).toBeGreaterThanOrEqual(30);
		expect(outboxBefore.length).toBeGreaterThanOrEqual(30);

		const target = await freshDatabase('restored');
		const restored = await cli(['restore', file], target);
		expect(restored.stdout).toMatch(/restaurée/);

		const h = createDb(target);
		try {
			const ids = new Set(
				(await h.db.selectFrom('registration').select('id').where('event_id', '=', created.id).execute()).map((r) => r.id)
			);
			for (const id of before) expect(ids.has(id), `acknowledged registration ${id} is missing`).toBe(true);
			const mails = new Set((await h.db.selectFrom('mail_message').select('id').execute()).map((r) => r.id));
			for (const id of outboxBefore) expect(mails.has(id), `outbox message ${id} is missing`).toBe(true);
			// Consistent: each restored registration came with its confirmation.
			const confirmations = await h.db
				.selectFrom('mail_message')
				.select('id')
				.where('event_id', '=', created.id)
				.where('kind', '=', 'registration-confirmed')
				.execute();
			expect(confirmations.length).toBe(ids.size);
			expect(ids.size).toBeLessThanOrEqual(TOTAL);
		} finally {
			await h.db.destroy();
		}
		// (Registrations and a backup on a shared 2-core machine: minutes, not seconds.)

		// The restored database serves, with the same API token.
		const second = await spawnApp(target);
		try {
			expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
			const stats = await fetch(`${second.url}/api/v1/events/${created.slug}/stats`, { headers }).then((r) => r.json());
			expect(stats.participants).toBeGreaterThanOrEqual(before.length);
		} finally {
			expect(await second.stop()).toBe(0);
		}
	}, 400_000);

	it('test_restore_refuses_a_non_empty_database_and_a_file_of_the_other_kind_with_one_line', async () => {
		const target = await freshDatabase('non-empty');
		await cli(['user', 'add', '--email', 'reste@exemple.org'], target);
		const file = path.join(dir, dialect === 'sqlite' ? 'direct.sqlite' : 'direct.dump');
		const refused = await runCli(['restore', file], target);
		expect(refused.code).toBe(1);
		expect(refused.stderr.trim()).toBe(
			'maillage : la base de destination contient déjà des données : arrêtez l’application et relancez avec --force pour la remplacer'
		);
		const other = await runCli(['restore', path.join(ROOT, 'package.json')], target);
		expect(other.code).toBe(1);
		expect(other.stderr.trim().split('\n')).toHaveLength(1);
		expect(other.stderr).toMatch(/n’est pas une sauvegarde Maillage/);
		const h = createDb(target);
		try {
			expect(await h.db.selectFrom('user').select('email').execute()).toEqual([{ email: 'reste@exemple.org' }]);
		} finally {
			await h.db.destroy();
		}
		await cli(['restore', file, '--force'], target);
		const after = createDb(target);
		try {
			expect((await after.db.selectFrom('user').select('email').execute()).map((u) => u.email)).toEqual(['sauvegarde@exemple.org']);
		} finally {
			await after.db.destroy();
		}
	}, 300_000);
});
