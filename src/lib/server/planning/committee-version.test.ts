import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import {
	addCommitteeMember,
	addMeeting,
	addTimeEntry,
	getCommitteeMember,
	getMeeting,
	getTimeEntry,
	updateCommitteeMember,
	updateMeeting,
	updateTimeEntry
} from './committee.service.ts';

describe.each(DIALECTS)('committee versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function aCommittee() {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const member = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Camille' });
		return { alice, slug: ev.slug, member };
	}

	it('test_updateCommitteeMember_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { alice, slug, member } = await aCommittee();
		const saved = await updateCommitteeMember(
			ctx,
			alice,
			slug,
			member.id,
			{ kind: 'person', name: 'Camille', notes: 'Par A' },
			member.version
		);
		expect(saved.version).toBe(member.version + 1);
		await expect(
			updateCommitteeMember(ctx, alice, slug, member.id, { kind: 'person', name: 'Camille B', notes: 'Par B' }, member.version)
		).rejects.toBeInstanceOf(StaleVersionError);
		expect(await getCommitteeMember(ctx, alice, slug, member.id)).toMatchObject({
			name: 'Camille',
			notes: 'Par A',
			version: member.version + 1
		});
	});

	it('test_updateCommitteeMember_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { alice, slug, member } = await aCommittee();
		const results = await Promise.allSettled(
			['Un', 'Deux'].map((notes) => updateCommitteeMember(ctx, alice, slug, member.id, { notes }, member.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		expect((await getCommitteeMember(ctx, alice, slug, member.id)).version).toBe(member.version + 1);
	});

	it('test_updateMeeting_second_save_keeps_the_first_minutes_and_decisions', async () => {
		const { alice, slug, member } = await aCommittee();
		const meeting = await addMeeting(ctx, alice, slug, { heldOn: '2027-02-01', title: 'Comité 1', attendeeIds: [member.id] });
		await updateMeeting(ctx, alice, slug, meeting.id, { notes: 'Compte rendu de A', decisions: 'Réserver la salle' }, meeting.version);
		await expect(
			updateMeeting(ctx, alice, slug, meeting.id, { notes: 'Compte rendu de B', attendeeIds: [] }, meeting.version)
		).rejects.toBeInstanceOf(StaleVersionError);
		expect(await getMeeting(ctx, alice, slug, meeting.id)).toMatchObject({
			notes: 'Compte rendu de A',
			decisions: ['Réserver la salle'],
			attendees: [{ id: member.id, name: 'Camille' }],
			version: meeting.version + 1
		});
	});

	it('test_updateTimeEntry_changes_one_entry_and_a_stale_save_writes_nothing', async () => {
		const { alice, slug, member } = await aCommittee();
		const entry = await addTimeEntry(ctx, alice, slug, { memberId: member.id, phase: 'framing', minutes: 120 });
		const results = await Promise.allSettled(
			[90, 240].map((minutes) => updateTimeEntry(ctx, alice, slug, entry.id, { minutes }, entry.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		const stored = await getTimeEntry(ctx, alice, slug, entry.id);
		expect([90, 240]).toContain(stored.minutes);
		expect(stored).toMatchObject({ phase: 'framing', memberId: member.id, version: entry.version + 1 });
	});

	it('test_updateTimeEntry_without_a_version_writes_at_the_one_it_reads', async () => {
		const { alice, slug, member } = await aCommittee();
		const entry = await addTimeEntry(ctx, alice, slug, { memberId: member.id, phase: 'framing', minutes: 60 });
		const saved = await updateTimeEntry(ctx, alice, slug, entry.id, { description: 'Réunion de cadrage' });
		expect(saved).toMatchObject({ minutes: 60, description: 'Réunion de cadrage', version: entry.version + 1 });
	});
});
