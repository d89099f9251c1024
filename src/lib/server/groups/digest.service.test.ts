import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { maskPrivateLinks } from '../mail/private-links.ts';
import { optInByToken, withdrawByToken } from '../network/profile.service.ts';
import { addNote, createGroup, joinGroup, updateGroup } from './groups.service.ts';
import {
	findGroupDigestOptOut,
	getGroupDigestPreference,
	optOutOfGroupDigestByToken,
	sendGroupDigests,
	setGroupDigestPreference,
	weeklyGroupDigestsJob
} from './digest.service.ts';

// Monday 14 June 2027, 8 a.m. Paris (after the event of 10–11 June).
const MONDAY = new Date('2027-06-14T06:00:00Z');
const at = (days: number, minutes = 0) => new Date(MONDAY.getTime() + days * 86_400_000 + minutes * 60_000);

describe.each(DIALECTS)('working groups weekly digest on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeEach(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterEach(() => t.close());

	const digests = (to: string) =>
		t.db
			.selectFrom('mail_message')
			.select(['subject', 'text_body', 'html_body', 'headers'])
			.where('to_address', '=', to)
			.where('kind', '=', 'group-digest')
			.orderBy('created_at')
			.execute();

	async function groupWithMembers() {
		const { owner, event, people } = await newNetworkEvent(ctx, 3);
		for (const p of people) await optInByToken(ctx, p.token, {});
		const emails = new Map(
			(await t.db.selectFrom('registration').select(['id', 'email']).where('event_id', '=', event.id).execute()).map((r) => [r.id, r.email])
		);
		const input = { title: 'Guide des aidants', purpose: 'Écrire un guide' };
		const group = await createGroup(ctx, owner, event.slug, input, at(-1));
		const [ana, ben, cleo] = people.map((p) => ({ ...p, email: emails.get(p.id)! }));
		return { owner, event, group, ana, ben, cleo, input };
	}

	it('test_members_get_one_digest_a_week_of_what_others_changed_and_nothing_when_nothing_changed', async () => {
		const { owner, event, group, ana, ben, cleo, input } = await groupWithMembers();
		await joinGroup(ctx, ana.token, group.id, at(0, 1));
		await joinGroup(ctx, ben.token, group.id, at(0, 2));
		await addNote(ctx, ana.token, group.id, { title: 'Plan du <guide>', url: 'https://pad.exemple.fr/guide' }, at(0, 3));
		await updateGroup(
			ctx,
			owner,
			event.slug,
			group.id,
			{ ...input, nextMeetingAt: '2027-07-01T14:00', nextMeetingPlace: 'Tiers-lieu' },
			at(0, 4)
		);

		const run = await sendGroupDigests(ctx, at(0, 10));
		expect(run).toMatchObject({ week: '2027-W24', sent: 2, alreadySent: 0 });
		const [forBen] = await digests(ben.email);
		expect(forBen.text_body).toContain('Plan du <guide>');
		expect(forBen.text_body).toContain('Tiers-lieu');
		expect(forBen.text_body).not.toContain('Nouveaux membres');
		expect(forBen.html_body).toContain('Plan du &lt;guide&gt;');
		expect(forBen.text_body).toMatch(/\/inscription\/[A-Za-z0-9_-]+\/reseau\/groupes/);
		expect(forBen.text_body).toMatch(/\/api\/v1\/working-groups\/digest\?token=mun_/);
		expect(JSON.parse(String(forBen.headers))['List-Unsubscribe']).toContain('/api/v1/working-groups/digest?token=');
		// Once sent, the outbox keeps the message with both links masked.
		expect(maskPrivateLinks(forBen.text_body)).not.toMatch(/mun_|\/inscription\/[A-Za-z0-9_-]{8,}/);
		// Ana's own note is not news to her; Ben's arrival is.
		const [forAna] = await digests(ana.email);
		expect(forAna.text_body).not.toContain('Plan du');
		expect(forAna.text_body).toContain(`Nouveaux membres : ${ben.name}`);
		// Not a member: nothing.
		expect(await digests(cleo.email)).toEqual([]);

		// Same week, even with news: nothing more (at most once a week).
		await addNote(ctx, ben.token, group.id, { title: 'Compte rendu' }, at(1));
		expect(await sendGroupDigests(ctx, at(2))).toMatchObject({ sent: 0, alreadySent: 1 });
		// Next week: Ana hears of Ben's note (since her last digest), Ben hears nothing new.
		expect(await sendGroupDigests(ctx, at(7, 60))).toMatchObject({ week: '2027-W25', sent: 1 });
		expect((await digests(ana.email)).map((m) => m.text_body.includes('Compte rendu'))).toEqual([false, true]);
		expect(await digests(ben.email)).toHaveLength(1);
		// A quiet week: nothing sent.
		expect(await sendGroupDigests(ctx, at(14, 60))).toMatchObject({ sent: 0, alreadySent: 0 });
	});

	it('test_status_change_is_told_and_a_withdrawn_member_gets_nothing', async () => {
		const { owner, event, group, ana, ben, input } = await groupWithMembers();
		await joinGroup(ctx, ana.token, group.id, at(-1, 1));
		await joinGroup(ctx, ben.token, group.id, at(-1, 1));
		await withdrawByToken(ctx, ben.token);
		await updateGroup(ctx, owner, event.slug, group.id, { ...input, status: 'closed' }, at(0, 5));
		await sendGroupDigests(ctx, at(0, 10));
		expect((await digests(ana.email))[0].text_body).toContain('Le groupe est désormais clos.');
		expect(await digests(ben.email)).toEqual([]);
	});

	it('test_one_click_opt_out_by_token_and_from_the_group_page', async () => {
		const { group, ana, ben } = await groupWithMembers();
		await joinGroup(ctx, ana.token, group.id, at(0, 1));
		await joinGroup(ctx, ben.token, group.id, at(0, 2));
		await addNote(ctx, ana.token, group.id, { title: 'Note 1' }, at(0, 3));
		await sendGroupDigests(ctx, at(0, 10));
		const token = /digest\?token=([A-Za-z0-9_-]+)/.exec((await digests(ben.email))[0].text_body)![1];

		// Opening the link changes nothing; the POST stops the digest, twice is harmless.
		expect(await findGroupDigestOptOut(t.db, token)).toMatchObject({ email: ben.email });
		expect(await getGroupDigestPreference(ctx, ben.token)).toBe(true);
		await optOutOfGroupDigestByToken(t.db, token);
		await optOutOfGroupDigestByToken(t.db, token);
		expect(await getGroupDigestPreference(ctx, ben.token)).toBe(false);
		await expect(findGroupDigestOptOut(t.db, 'mun_faux')).rejects.toThrow(NotFoundError);
		await expect(optOutOfGroupDigestByToken(t.db, '')).rejects.toThrow(NotFoundError);

		await addNote(ctx, ana.token, group.id, { title: 'Note 2' }, at(7));
		await sendGroupDigests(ctx, at(7, 60));
		expect(await digests(ben.email)).toHaveLength(1);

		// Back on from the group's page; Ana stops it there.
		await setGroupDigestPreference(ctx, ben.token, true);
		await setGroupDigestPreference(ctx, ana.token, false);
		await addNote(ctx, ana.token, group.id, { title: 'Note 3' }, at(14));
		await addNote(ctx, ben.token, group.id, { title: 'Note 4' }, at(14));
		await sendGroupDigests(ctx, at(14, 60));
		expect((await digests(ben.email)).at(-1)!.text_body).toContain('Note 3');
		expect(await digests(ana.email)).toHaveLength(1);
	});

	it('test_the_job_waits_for_monday_morning', async () => {
		const { group, ana, ben } = await groupWithMembers();
		await joinGroup(ctx, ana.token, group.id, at(0, -300));
		await joinGroup(ctx, ben.token, group.id, at(0, -290));
		const job = weeklyGroupDigestsJob(ctx);
		expect(await job.run(new Date('2027-06-14T03:00:00Z'))).toBeNull();
		expect(await job.run(at(0, 10))).toMatchObject({ sent: 1 });
	});
});
