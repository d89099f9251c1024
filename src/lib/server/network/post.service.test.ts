import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, NotFoundError } from '../validation.ts';
import { optInByToken, saveAccountProfile, withdrawByToken } from './profile.service.ts';
import { answerContact, CONTACTS_PER_DAY, createPost, listMyContacts, listPosts, requestContact } from './post.service.ts';

describe.each(DIALECTS)('needs and offers on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());
	const now = new Date('2027-06-10T12:00:00Z');

	const mailsTo = async (kind: string) =>
		t.db.selectFrom('mail_message').select(['to_address', 'text_body as text']).where('kind', '=', kind).orderBy('created_at').execute();

	it('test_board_shows_matches_and_contact_hides_addresses_until_accepted', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const [ana, ben] = people;
		for (const p of people) await optInByToken(ctx, p.token, {});
		const need = await createPost(
			ctx,
			{ token: ana.token },
			{ kind: 'need', category: 'room', title: 'Une salle pour 20 personnes', theme: 'Médiation numérique' },
			now
		);
		const offer = await createPost(ctx, { token: ben.token }, { kind: 'offer', category: 'room', title: 'Notre salle le mardi' }, now);

		const anaBoard = await listPosts(ctx, { token: ana.token }, undefined, {}, now);
		expect(anaBoard.suggestions.map((s) => [s.id, s.matches.map((m) => m.id)])).toEqual([[need.id, [offer.id]]]);
		expect((await listPosts(ctx, { actor: owner }, event.slug, { kind: 'offer' }, now)).items.map((p) => p.title)).toEqual([
			'Notre salle le mardi'
		]);

		const contact = await requestContact(ctx, { token: ben.token }, need.id, { message: 'Je peux vous aider' }, now);
		const [request] = await mailsTo('network-contact-request');
		const anaEmail = (await t.db.selectFrom('registration').select('email').where('id', '=', ana.id).executeTakeFirstOrThrow()).email!;
		const benEmail = (await t.db.selectFrom('registration').select('email').where('id', '=', ben.id).executeTakeFirstOrThrow()).email!;
		expect(request.to_address).toBe(anaEmail);
		expect(request.text).toContain('Je peux vous aider');
		expect(request.text).not.toContain(benEmail);
		expect((await listMyContacts(ctx, { token: ana.token }, now))[0]).toMatchObject({ received: true, status: 'pending', email: null });
		await expect(requestContact(ctx, { token: ben.token }, need.id, { message: 'Encore' }, now)).rejects.toThrow(ConflictError);

		await answerContact(ctx, { token: ana.token }, contact.id, true, now);
		const accepted = await mailsTo('network-contact-accepted');
		expect(accepted.map((m) => m.to_address).sort()).toEqual([anaEmail, benEmail].sort());
		expect(accepted.find((m) => m.to_address === benEmail)!.text).toContain(anaEmail);
		expect((await listMyContacts(ctx, { token: ben.token }, now))[0]).toMatchObject({
			received: false,
			status: 'accepted',
			email: anaEmail
		});
		await expect(answerContact(ctx, { token: ben.token }, contact.id, true, now)).rejects.toThrow(NotFoundError);
	});

	it('test_contact_requests_are_rate_limited_per_person', async () => {
		const { people } = await newNetworkEvent(ctx, 2);
		const [ana, ben] = people;
		for (const p of people) await optInByToken(ctx, p.token, {});
		const ids = [];
		for (let i = 0; i <= CONTACTS_PER_DAY; i++)
			ids.push((await createPost(ctx, { token: ana.token }, { kind: 'offer', category: 'skills', title: `Offre ${i}` }, now)).id);
		for (const id of ids.slice(0, CONTACTS_PER_DAY)) await requestContact(ctx, { token: ben.token }, id, { message: 'Bonjour' }, now);
		await expect(requestContact(ctx, { token: ben.token }, ids[CONTACTS_PER_DAY], { message: 'Bonjour' }, now)).rejects.toThrow(
			ConflictError
		);
	});

	it('test_posts_of_another_scope_or_withdrawn_people_are_not_seen', async () => {
		const first = await newNetworkEvent(ctx, 2);
		const other = await newNetworkEvent(ctx, 1);
		for (const p of [...first.people, ...other.people]) await optInByToken(ctx, p.token, {});
		const post = await createPost(ctx, { token: other.people[0].token }, { kind: 'offer', category: 'tools', title: 'Ailleurs' }, now);
		await createPost(ctx, { token: first.people[1].token }, { kind: 'offer', category: 'tools', title: 'Parti' }, now);
		await withdrawByToken(ctx, first.people[1].token);
		expect((await listPosts(ctx, { token: first.people[0].token }, undefined, {}, now)).total).toBe(0);
		await expect(requestContact(ctx, { token: first.people[0].token }, post.id, { message: 'x' }, now)).rejects.toThrow(NotFoundError);
		const alex = await newUser(t.db);
		await saveAccountProfile(ctx, alex, { name: 'Alex' });
		expect((await listPosts(ctx, { actor: alex }, undefined, {}, now)).total).toBe(0);
	});

	it('test_bad_post_is_refused_with_reasons_and_nothing_stored', async () => {
		const { people } = await newNetworkEvent(ctx, 1);
		await optInByToken(ctx, people[0].token, {});
		expect(
			await issuesOf(
				createPost(
					ctx,
					{ token: people[0].token },
					{ kind: 'gift', category: 'room', title: '', departement: '999', endsOn: 'demain' },
					now
				)
			)
		).toEqual(['kind:errors.invalidChoice', 'title:errors.required', 'departement:errors.invalid', 'endsOn:errors.date']);
		expect(
			await issuesOf(createPost(ctx, { token: people[0].token }, { kind: 'need', category: 'room', title: 'x', endsOn: '2020-01-01' }, now))
		).toEqual(['endsOn:people.errors.endsInPast']);
		expect((await listPosts(ctx, { token: people[0].token }, undefined, {}, now)).total).toBe(0);
	});
});
