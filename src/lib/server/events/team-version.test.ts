import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { StaleVersionError } from '../edit-version.ts';
import { ConflictError } from '../validation.ts';
import type { ServiceContext } from './event.service.ts';
import { changeMemberRole, getMember, inviteMember } from './team.service.ts';

describe.each(DIALECTS)('team role versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function aTeam() {
		const alice = await newUser(t.db);
		const bob = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await addTeamMember(t.db, ev.id, bob.id, 'organiser');
		return { alice, bob, slug: ev.slug };
	}

	it('test_changeMemberRole_second_change_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { alice, bob, slug } = await aTeam();
		const loaded = await getMember(ctx, alice, slug, bob.id);
		expect(await changeMemberRole(ctx, alice, slug, bob.id, { role: 'readonly' }, loaded.version)).toMatchObject({
			role: 'readonly',
			version: loaded.version + 1
		});
		const stale = changeMemberRole(ctx, alice, slug, bob.id, { role: 'owner' }, loaded.version);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: loaded.version + 1, named: true });
		expect(await getMember(ctx, alice, slug, bob.id)).toMatchObject({ role: 'readonly', version: loaded.version + 1 });
	});

	it('test_changeMemberRole_an_invitation_that_changes_the_role_makes_an_open_form_stale', async () => {
		const { alice, bob, slug } = await aTeam();
		const loaded = await getMember(ctx, alice, slug, bob.id);
		await inviteMember(ctx, alice, slug, { email: bob.email, role: 'owner' });
		await expect(changeMemberRole(ctx, alice, slug, bob.id, { role: 'readonly' }, loaded.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect((await getMember(ctx, alice, slug, bob.id)).role).toBe('owner');
	});

	it('test_changeMemberRole_concurrent_changes_from_one_version_exactly_one_wins', async () => {
		const { alice, bob, slug } = await aTeam();
		const { version } = await getMember(ctx, alice, slug, bob.id);
		const results = await Promise.allSettled(
			(['readonly', 'owner'] as const).map((role) => changeMemberRole(ctx, alice, slug, bob.id, { role }, version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		expect((await getMember(ctx, alice, slug, bob.id)).version).toBe(version + 1);
	});

	it('test_changeMemberRole_the_last_owner_stays_one', async () => {
		const { alice, slug } = await aTeam();
		const me = await getMember(ctx, alice, slug, alice.id);
		await expect(changeMemberRole(ctx, alice, slug, alice.id, { role: 'organiser' }, me.version)).rejects.toBeInstanceOf(ConflictError);
		expect(await getMember(ctx, alice, slug, alice.id)).toMatchObject({ role: 'owner', version: me.version });
	});
});
