import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { addNote, createGroup, getGroupForTeam, joinGroup, setCoordinator, updateGroup } from './groups.service.ts';
import { optInByToken } from '../network/profile.service.ts';
import { acceptInvitation, inviteAsTeam } from './invitation.service.ts';
import {
	addNoteOfAccount,
	deleteNoteOfAccount,
	getGroupOfAccount,
	leaveGroupOfAccount,
	listGroupsOfAccount,
	nextMeetingIcsOfAccount,
	setDigestOfAccount
} from './account-groups.service.ts';

describe.each(DIALECTS)('working groups of a signed-in account on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	const tokenTo = async (to: string) => {
		const mail = await t.db
			.selectFrom('mail_message')
			.select('text_body')
			.where('to_address', '=', to)
			.where('kind', '=', 'group-invitation')
			.orderBy('created_at', 'desc')
			.executeTakeFirstOrThrow();
		return /\/groupes\/invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1];
	};

	it('test_an_invited_address_outside_the_event_joins_through_its_account_and_works_in_the_group', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 1);
		const group = await createGroup(ctx, owner, event.slug, {
			title: 'Mallette des aidants',
			nextMeetingAt: '2027-03-04T14:00',
			nextMeetingPlace: 'Médiathèque'
		});
		const email = `nadia-${dialect}@exemple.fr`;
		await inviteAsTeam(ctx, owner, event.slug, group.id, { email });
		const token = await tokenTo(email);
		// Signed out, an address that is no registration is asked to register or sign in.
		await expect(acceptInvitation(ctx, token)).rejects.toBeInstanceOf(ConflictError);
		const nadia = await newUser(t.db, { name: 'Nadia Benali', email });
		expect(await acceptInvitation(ctx, token, new Date(), nadia)).toMatchObject({ groupId: group.id, asAccount: true });
		await expect(acceptInvitation(ctx, token, new Date(), nadia)).rejects.toBeInstanceOf(NotFoundError);

		expect(await listGroupsOfAccount(ctx, nadia)).toMatchObject([
			{ id: group.id, title: 'Mallette des aidants', myRole: 'member', event: { slug: event.slug } }
		]);
		const page = await getGroupOfAccount(ctx, nadia, group.id);
		expect(page.myRole).toBe('member');
		expect(page.digest).toBe(true);
		expect(page.members!.find((m) => m.mine)).toMatchObject({ name: 'Nadia Benali' });
		// The team sees them among the members.
		expect((await getGroupForTeam(ctx, owner, event.slug, group.id)).members.map((m) => m.name)).toContain('Nadia Benali');

		const { id: noteId } = await addNoteOfAccount(ctx, nadia, group.id, { title: 'Fiche pratique', body: 'À relire' });
		expect((await getGroupOfAccount(ctx, nadia, group.id)).notes!.map((n) => [n.title, n.authorName, n.canDelete])).toEqual([
			['Fiche pratique', 'Nadia Benali', true]
		]);
		// Another member's note is not theirs to remove, unless they coordinate.
		const [ana] = people;
		await optInByToken(ctx, ana.token, {});
		await joinGroup(ctx, ana.token, group.id);
		const { id: anaNote } = await addNote(ctx, ana.token, group.id, { title: 'Compte rendu' });
		await expect(deleteNoteOfAccount(ctx, nadia, group.id, anaNote)).rejects.toBeInstanceOf(ForbiddenError);
		const profileId = (await getGroupOfAccount(ctx, nadia, group.id)).members!.find((m) => m.mine)!.profileId;
		await setCoordinator(ctx, owner, event.slug, group.id, { profileId, coordinator: true });
		await deleteNoteOfAccount(ctx, nadia, group.id, anaNote);
		await deleteNoteOfAccount(ctx, nadia, group.id, noteId);
		expect((await getGroupOfAccount(ctx, nadia, group.id)).notes).toEqual([]);

		expect(await nextMeetingIcsOfAccount(ctx, nadia, group.id)).toContain('SUMMARY:Mallette des aidants');
		await setDigestOfAccount(ctx, nadia, group.id, false);
		expect((await getGroupOfAccount(ctx, nadia, group.id)).digest).toBe(false);

		// No one else reads it here; leaving ends it.
		const stranger = await newUser(t.db);
		await expect(getGroupOfAccount(ctx, stranger, group.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addNoteOfAccount(ctx, stranger, group.id, { title: 'x' })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getGroupOfAccount(ctx, null, group.id)).rejects.toBeInstanceOf(NotFoundError);
		expect(await listGroupsOfAccount(ctx, stranger)).toEqual([]);
		await leaveGroupOfAccount(ctx, nadia, group.id);
		expect(await listGroupsOfAccount(ctx, nadia)).toEqual([]);
		await expect(getGroupOfAccount(ctx, nadia, group.id)).rejects.toBeInstanceOf(NotFoundError);

		// A closed group takes no one, even through an account.
		await inviteAsTeam(ctx, owner, event.slug, group.id, { email });
		const again = await tokenTo(email);
		await updateGroup(ctx, owner, event.slug, group.id, { title: 'Mallette des aidants', status: 'closed' });
		await expect(acceptInvitation(ctx, again, new Date(), nadia)).rejects.toBeInstanceOf(ConflictError);
	});
});
