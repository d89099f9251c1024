import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker } from '../../../../tests/factories/registrations.ts';
import { seedParticipants } from '../../../../tests/factories/reports.ts';
import { balancedBudgetLines } from '../../../../tests/factories/preparation.ts';
import { newContactList } from '../../../../tests/factories/campaigns.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { insertUnsubscribe } from '../contacts/contact.queries.ts';
import { getContactList, listContactLists } from '../contacts/contact.service.ts';
import { replaceBudget } from '../budget/budget.service.ts';
import { ConflictError } from '../validation.ts';
import { prepareNextEdition } from './next-edition.service.ts';

/** A fault in the middle of the copy: any INSERT into `table` fails, as a lost connection would. */
function failingInsertsInto(table: string): KyselyPlugin {
	return {
		transformQuery(args) {
			const node = args.node;
			if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table)
				throw new Error(`panne pendant la copie (${table})`);
			return node;
		},
		async transformResult(args) {
			return args.result;
		}
	};
}

describe.each(DIALECTS)('next edition on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeEach(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterEach(async () => {
		await t.close();
	});

	it('test_next_edition_copies_sessions_with_speakers_to_confirm_and_the_contact_lists_without_unsubscribed', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const workshop = await newSession(t.db, ev.id, { title: 'Atelier Prérequis' });
		await newSpeaker(t.db, ev.id, workshop, 'Camille Animatrice', 'Hub');
		const declined = await newSpeaker(t.db, ev.id, workshop, 'Dominique Absent');
		await t.db.updateTable('speaker').set({ status: 'declined' }).where('id', '=', declined).execute();
		await newContactList(ctx, owner, ev.slug, ['elu@exemple.fr', 'parti@exemple.fr'], 'Élus');
		const people = await seedParticipants(t.db, ev.id, 6, { checkedIn: 4 });
		const now = new Date().toISOString();
		await insertUnsubscribe(t.db, ev.id, 'parti@exemple.fr', now);
		await insertUnsubscribe(t.db, ev.id, people[0].email.toLowerCase(), now);

		const next = await prepareNextEdition(ctx, owner, ev.slug);
		const nextId = (await t.db.selectFrom('event').select('id').where('slug', '=', next.slug).executeTakeFirstOrThrow()).id;

		const speakers = await t.db
			.selectFrom('session_speaker')
			.innerJoin('speaker', 'speaker.id', 'session_speaker.speaker_id')
			.innerJoin('session', 'session.id', 'session_speaker.session_id')
			.select(['speaker.name', 'speaker.status', 'speaker.invite_token_hash', 'session.title', 'session.event_id'])
			.where('speaker.event_id', '=', nextId)
			.execute();
		expect(speakers).toEqual([
			{ name: 'Camille Animatrice', status: 'invited', invite_token_hash: null, title: 'Atelier Prérequis', event_id: nextId }
		]);

		const lists = (await listContactLists(ctx, owner, next.slug)).lists.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
		expect(lists.map((l) => [l.name, l.contacts])).toEqual([
			['Élus', 1],
			[`Participant·es de ${ev.title}`, 3] // four came, one of whom unsubscribed
		]);
		const came = await getContactList(ctx, owner, next.slug, lists[1].id);
		expect(came.contacts.map((c) => c.email).sort()).toEqual(
			people
				.slice(1, 4)
				.map((p) => p.email.toLowerCase())
				.sort()
		);
		expect(came.contacts.every((c) => c.legalBasis === 'legitimate-interest')).toBe(true);
	});

	it('test_next_edition_failed_copy_leaves_nothing_and_a_retry_makes_one_draft', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await newSession(t.db, ev.id, { title: 'Atelier repris' });
		await replaceBudget(ctx, owner, ev.slug, { lines: balancedBudgetLines() });
		const editions = async () =>
			(await t.db.selectFrom('event').select(['id', 'status']).where('title', '=', ev.title).execute()).filter((e) => e.id !== ev.id);

		// The budget lines are copied after the event, its sessions and its committee.
		await expect(prepareNextEdition({ ...ctx, db: ctx.db.withPlugin(failingInsertsInto('budget_line')) }, owner, ev.slug)).rejects.toThrow(
			/panne/
		);
		expect(await editions()).toEqual([]);
		expect(await t.db.selectFrom('session').select('id').where('title', '=', 'Atelier repris').execute()).toHaveLength(1);

		const next = await prepareNextEdition(ctx, owner, ev.slug);
		await expect(prepareNextEdition(ctx, owner, ev.slug)).rejects.toBeInstanceOf(ConflictError);
		expect((await editions()).map((e) => e.status)).toEqual(['draft']);
		expect(next.status).toBe('draft');
	});
});
