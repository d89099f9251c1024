import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabaseUrl, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { createDb } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { listAccountPeople, optInByToken, saveAccountProfile } from '../network/profile.service.ts';
import { addNote, createGroup, getGroupForParticipant, getGroupForTeam, joinGroup, setCoordinator, updateGroup } from './groups.service.ts';
import {
	addNoteAsAccount,
	getAccountMembership,
	joinGroupAsAccount,
	leaveGroupAsAccount,
	setAccountDigestPreference
} from './account-member.service.ts';
import { findGroupDigestOptOut, runGroupDigestsCommand, sendGroupDigests } from './digest.service.ts';

// Monday 14 June 2027, 8 a.m. Paris (after the event of 10–11 June).
const MONDAY = new Date('2027-06-14T06:00:00Z');
const at = (days: number, minutes = 0) => new Date(MONDAY.getTime() + days * 86_400_000 + minutes * 60_000);
const ROOT = path.resolve(import.meta.dirname, '../../../..');

describe.each(DIALECTS)('signed-in accounts in working groups on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeEach(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterEach(() => t.close());

	/** A group with one participant in it (Ana) and a member of the team (Bob) who is not yet. */
	async function groupWithTeamMember(now?: Date) {
		const { owner, event, people } = await newNetworkEvent(ctx, 1);
		const [ana] = people;
		await optInByToken(ctx, ana.token, {});
		const group = await createGroup(ctx, owner, event.slug, { title: 'Guide des aidants', purpose: 'Écrire un guide' }, now);
		await joinGroup(ctx, ana.token, group.id, now);
		const bob = await newUser(t.db, { name: 'Bob Équipe' });
		await addTeamMember(t.db, event.id, bob.id, 'readonly');
		return { owner, event, group, ana, bob };
	}

	it('test_team_member_joins_as_themselves_is_listed_to_everyone_named_coordinator_and_leaves_in_one_click', async () => {
		const { owner, event, group, ana, bob } = await groupWithTeamMember();

		await joinGroupAsAccount(ctx, bob, event.slug, group.id);
		await joinGroupAsAccount(ctx, bob, event.slug, group.id); // twice changes nothing
		const team = await getGroupForTeam(ctx, bob, event.slug, group.id);
		expect(team.members.map((m) => [m.name, m.mine])).toEqual([
			[ana.name, false],
			['Bob Équipe', true]
		]);
		expect(team.group.members).toBe(2);
		const seenByAna = await getGroupForParticipant(ctx, ana.token, group.id);
		expect(seenByAna.members?.map((m) => m.name)).toContain('Bob Équipe');
		expect(JSON.stringify(seenByAna)).not.toContain(bob.email);

		const bobProfile = team.members.find((m) => m.mine)!.profileId;
		await setCoordinator(ctx, owner, event.slug, group.id, { profileId: bobProfile, coordinator: true });
		expect((await getAccountMembership(ctx, bob, event.slug, group.id)).myRole).toBe('coordinator');
		await addNoteAsAccount(ctx, bob, event.slug, group.id, { title: 'Compte rendu' });
		expect((await getGroupForParticipant(ctx, ana.token, group.id)).notes?.[0]).toMatchObject({
			title: 'Compte rendu',
			authorName: 'Bob Équipe'
		});

		// Joining a group lists nobody in the territory's directory.
		const carla = await newUser(t.db);
		await saveAccountProfile(ctx, carla, { name: 'Carla' });
		expect((await listAccountPeople(ctx, carla, {})).items.map((p) => p.name)).toEqual(['Carla']);
		await expect(listAccountPeople(ctx, bob, {})).rejects.toThrow(ForbiddenError);

		await leaveGroupAsAccount(ctx, bob, event.slug, group.id);
		expect((await getAccountMembership(ctx, bob, event.slug, group.id)).myRole).toBeNull();
		expect((await getGroupForTeam(ctx, owner, event.slug, group.id)).members.map((m) => m.name)).toEqual([ana.name]);
		await expect(addNoteAsAccount(ctx, bob, event.slug, group.id, { title: 'Encore' })).rejects.toThrow(ForbiddenError);
	});

	it('test_only_the_events_team_joins_and_never_a_closed_group', async () => {
		const { owner, event, group, bob } = await groupWithTeamMember();
		const stranger = await newUser(t.db);
		await expect(joinGroupAsAccount(ctx, stranger, event.slug, group.id)).rejects.toThrow(NotFoundError);
		await expect(joinGroupAsAccount(ctx, null, event.slug, group.id)).rejects.toThrow();
		const other = await newNetworkEvent(ctx, 0);
		const otherGroup = await createGroup(ctx, other.owner, other.event.slug, { title: 'Ailleurs', purpose: '' });
		await expect(joinGroupAsAccount(ctx, bob, event.slug, otherGroup.id)).rejects.toThrow(NotFoundError);
		await updateGroup(ctx, owner, event.slug, group.id, { title: 'Guide des aidants', purpose: '', status: 'closed' });
		await expect(joinGroupAsAccount(ctx, bob, event.slug, group.id)).rejects.toThrow(ConflictError);
	});

	it('test_signed_in_member_gets_the_digest_at_their_account_address_and_stops_it', async () => {
		const { event, group, ana, bob } = await groupWithTeamMember(at(-1));
		await joinGroupAsAccount(ctx, bob, event.slug, group.id, at(0, 1));
		await addNote(ctx, ana.token, group.id, { title: 'Plan du guide' }, at(0, 3));

		expect(await sendGroupDigests(ctx, at(0, 10))).toMatchObject({ sent: 2 });
		const mail = await t.db
			.selectFrom('mail_message')
			.select(['text_body'])
			.where('to_address', '=', bob.email)
			.where('kind', '=', 'group-digest')
			.executeTakeFirstOrThrow();
		expect(mail.text_body).toContain('Plan du guide');
		expect(mail.text_body).toContain(`/organisateur/e/${event.slug}/reseau/groupes`);
		const token = /mun_[A-Za-z0-9_-]+/.exec(mail.text_body)![0];
		expect(await findGroupDigestOptOut(t.db, token)).toEqual({ email: bob.email, eventTitle: event.title });

		await setAccountDigestPreference(ctx, bob, event.slug, group.id, false, at(1));
		await addNote(ctx, ana.token, group.id, { title: 'Deuxième note' }, at(7, 3));
		await sendGroupDigests(ctx, at(7, 10));
		const count = await t.db.selectFrom('mail_message').select('id').where('to_address', '=', bob.email).execute();
		expect(count).toHaveLength(1);
	});

	it('test_group_digests_command_dry_run_lists_and_sends_nothing_then_sends_once', async () => {
		const { event, group, ana, bob } = await groupWithTeamMember(at(-1));
		await joinGroupAsAccount(ctx, bob, event.slug, group.id, at(0, 1));
		await addNote(ctx, ana.token, group.id, { title: 'Plan du guide' }, at(0, 3));
		const lines: string[] = [];

		const dry = await runGroupDigestsCommand(ctx, { dryRun: true }, at(0, 10), (l) => lines.push(l));
		// Bob gets Ana's note, Ana gets Bob's arrival.
		expect(dry).toMatchObject({ week: '2027-W24', sent: 2, alreadySent: 0 });
		expect(lines).toContain(`${bob.email} · ${event.title} · Guide des aidants`);
		expect(await t.db.selectFrom('mail_message').select('id').where('kind', '=', 'group-digest').execute()).toEqual([]);
		expect(await t.db.selectFrom('working_group_digest').select('id').execute()).toEqual([]);

		expect(await runGroupDigestsCommand(ctx, {}, at(0, 11), (l) => lines.push(l))).toMatchObject({ sent: 2 });
		expect(await runGroupDigestsCommand(ctx, {}, at(0, 12), (l) => lines.push(l))).toMatchObject({ sent: 0 });
		expect(lines.at(-1)).toContain('0 résumé(s)');
	});

	it('test_maillage_group_digests_binary_runs_on_the_instance_database', { timeout: 60_000 }, async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'maillage-group-digests-'));
		const { url, drop } = await createTestDatabaseUrl(dialect, dir);
		const handle = createDb(url);
		try {
			await migrateToLatest(handle.db);
			const local = { db: handle.db, publicUrl: 'http://localhost:3000' };
			const { owner, event, people } = await newNetworkEvent(local, 2);
			for (const p of people) await optInByToken(local, p.token, {});
			const group = await createGroup(local, owner, event.slug, { title: 'Groupe en ligne de commande', purpose: '' });
			for (const p of people) await joinGroup(local, p.token, group.id);
			const cli = (...args: string[]) =>
				spawnSync(process.execPath, [path.join(ROOT, 'bin/maillage.ts'), ...args], {
					cwd: ROOT,
					env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url },
					encoding: 'utf8'
				});

			const dry = cli('group-digests', '--dry-run');
			expect(dry.status, dry.stderr).toBe(0);
			expect(dry.stdout).toContain('Groupe en ligne de commande');
			// The first to join hears of the second; the second has no news.
			expect(dry.stdout).toMatch(/essai, rien n’est envoyé\) : 1 résumé/);
			expect(await handle.db.selectFrom('mail_message').select('id').where('kind', '=', 'group-digest').execute()).toEqual([]);
			const real = cli('group-digests');
			expect(real.status, real.stderr).toBe(0);
			expect(real.stdout).toMatch(/1 résumé\(s\) des groupes de travail mis en file/);
			expect(await handle.db.selectFrom('mail_message').select('id').where('kind', '=', 'group-digest').execute()).toHaveLength(1);
		} finally {
			await handle.db.destroy();
			await drop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});
