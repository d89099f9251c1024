import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newNetworkEvent, newParticipant } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { eraseRegistration } from '../registrations/registration-manage.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import {
	getOwnNetwork,
	listAccountPeople,
	listEventPeople,
	optInByToken,
	optInRegistration,
	saveAccountProfile,
	updateNetworkSettings,
	withdrawByToken
} from './profile.service.ts';

describe.each(DIALECTS)('network profiles on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());
	const during = new Date('2027-06-10T12:00:00Z');

	it('test_directory_shows_opted_in_people_only_to_opted_in_people_and_the_team', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 3);
		const [ana, ben, cleo] = people;
		await optInRegistration(ctx, ana.id, {
			activity: 'Médiatrice en bibliothèque',
			offers: 'Ateliers smartphone',
			themes: ['Médiation numérique']
		});
		await optInByToken(ctx, ben.token, { needs: 'Une salle pour des ateliers' });

		const seenByBen = await listEventPeople(ctx, { token: ben.token }, undefined, {}, during);
		expect(seenByBen.items.map((p) => p.name).sort()).toEqual([ana.name, ben.name].sort());
		expect(JSON.stringify(seenByBen)).not.toContain('@');
		const seenByTeam = await listEventPeople(ctx, { actor: owner }, event.slug, { theme: 'Médiation numérique' }, during);
		expect(seenByTeam.items.map((p) => p.name)).toEqual([ana.name]);

		await expect(listEventPeople(ctx, { token: cleo.token }, undefined, {}, during)).rejects.toThrow(ForbiddenError);
		const stranger = await newUser(t.db);
		await expect(listEventPeople(ctx, { actor: stranger }, event.slug, {}, during)).rejects.toThrow(NotFoundError);
	});

	it('test_withdraw_removes_the_person_at_once_and_erasure_too', async () => {
		const { event, people } = await newNetworkEvent(ctx, 3);
		const [ana, ben, cleo] = people;
		for (const p of people) await optInByToken(ctx, p.token, {});
		await withdrawByToken(ctx, ana.token);
		await eraseRegistration(ctx, { token: cleo.token }, null);
		const names = (await listEventPeople(ctx, { token: ben.token }, event.slug, {}, during)).items.map((p) => p.name);
		expect(names).toEqual([ben.name]);
		expect((await getOwnNetwork(ctx, ana.token, during)).profile).toBeNull();
		await expect(listEventPeople(ctx, { token: ana.token }, undefined, {}, during)).rejects.toThrow(ForbiddenError);
	});

	it('test_directory_closes_after_the_period_the_organisers_set', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 1);
		await optInByToken(ctx, people[0].token, {});
		const later = new Date('2027-08-01T12:00:00Z');
		expect((await listEventPeople(ctx, { token: people[0].token }, undefined, {}, later)).total).toBe(1);
		await updateNetworkSettings(ctx, owner, event.slug, { meetingPoint: 'Salon des échanges', openDaysAfter: '30' });
		await expect(listEventPeople(ctx, { token: people[0].token }, undefined, {}, later)).rejects.toThrow(ForbiddenError);
		expect((await getOwnNetwork(ctx, people[0].token, later)).open).toBe(false);
	});

	it('test_opt_in_refuses_unknown_themes_and_long_texts_and_changes_nothing', async () => {
		const { event } = await newNetworkEvent(ctx, 0);
		const p = await newParticipant(ctx, event.slug);
		expect(await issuesOf(optInByToken(ctx, p.token, { themes: ['Pas un thème'], offers: 'x'.repeat(601) }))).toEqual([
			'offers:errors.tooLong'
		]);
		expect(await issuesOf(optInByToken(ctx, p.token, { themes: ['Pas un thème'] }))).toEqual(['themes:errors.invalidChoice']);
		expect((await getOwnNetwork(ctx, p.token, during)).profile).toBeNull();
	});

	it('test_account_directory_is_for_signed_in_people_who_opted_in', async () => {
		const a = await newUser(t.db);
		const b = await newUser(t.db);
		await expect(listAccountPeople(ctx, a, {})).rejects.toThrow(ForbiddenError);
		await saveAccountProfile(ctx, a, { name: 'Alex Martin', structureName: 'Hub 87', departement: '87', offers: 'Formations' });
		await saveAccountProfile(ctx, b, { name: 'Bea Roux', departement: '19' });
		expect((await listAccountPeople(ctx, a, { departement: '87' })).items.map((p) => p.name)).toEqual(['Alex Martin']);
		expect(await issuesOf(saveAccountProfile(ctx, a, { name: '', departement: 'zz' }))).toEqual([
			'name:errors.required',
			'departement:errors.invalid'
		]);
	});
});
