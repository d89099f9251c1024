import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { optInByToken } from '../network/profile.service.ts';
import { prepareNextEdition } from '../reports/next-edition.service.ts';
import { getReport } from '../reports/report.service.ts';
import { presentReport } from '../reports/report.present.ts';
import { addNote, createGroup, joinGroup, updateGroup } from './groups.service.ts';
import { createGroupFromBody, listPreviousEditionGroupsBySlug, listVisibleGroups } from './follow-up.service.ts';

describe.each(DIALECTS)('working groups at the next edition on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_next_edition_shows_the_previous_groups_public_fields_only_on_its_programme_and_report', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 1);
		await optInByToken(ctx, people[0].token, {});
		const group = await createGroup(ctx, owner, event.slug, { title: 'Guide des aidants', purpose: 'Écrire un guide' });
		await joinGroup(ctx, people[0].token, group.id);
		await addNote(ctx, people[0].token, group.id, { title: 'Note privée du groupe' });
		await updateGroup(ctx, owner, event.slug, group.id, {
			title: 'Guide des aidants',
			purpose: 'Écrire un guide',
			status: 'closed',
			nextStatus: 'continues',
			outputs: 'Guide publié : https://exemple.fr/guide'
		});
		await createGroup(ctx, owner, event.slug, { title: 'Charte <numérique>' });
		// Before any next edition: nothing.
		expect(await listPreviousEditionGroupsBySlug(ctx, event.slug)).toEqual({ event: null, groups: [] });

		const next = await prepareNextEdition(ctx, owner, event.slug);
		const shown = await listPreviousEditionGroupsBySlug(ctx, next.slug);
		expect(shown.event).toEqual({ slug: event.slug, title: event.title });
		expect(shown.groups.map((g) => [g.title, g.status, g.nextStatus, g.outputs])).toEqual([
			['Charte <numérique>', 'active', null, ''],
			['Guide des aidants', 'closed', 'continues', 'Guide publié : https://exemple.fr/guide']
		]);
		const text = JSON.stringify(shown);
		expect(text).not.toContain(people[0].name);
		expect(text).not.toContain('Note privée');

		const { report } = await getReport(ctx, owner, next.slug);
		expect(report.previousGroups.map((g) => g.title)).toEqual(['Charte <numérique>', 'Guide des aidants']);
		const section = presentReport(report, { lang: 'fr', showPerSession: true, onlyShown: true }).find((s) => s.key === 'previousGroups')!;
		expect(section.title).toBe('Suites de l’édition précédente');
		expect(JSON.stringify(section)).toContain('Se poursuit');
		expect(JSON.stringify(section)).not.toContain(people[0].name);
		// The first edition's own report has no such section.
		expect((await getReport(ctx, owner, event.slug)).report.previousGroups).toEqual([]);
	});

	it('test_api_lists_groups_of_the_callers_events_filters_by_event_and_creates_with_event_slug', async () => {
		const a = await newNetworkEvent(ctx, 0);
		const b = await newNetworkEvent(ctx, 0);
		const ga = await createGroupFromBody(ctx, a.owner, { eventSlug: a.event.slug, title: 'Groupe A' });
		expect(ga).toMatchObject({ title: 'Groupe A', status: 'active', nextStatus: null, outputs: '' });
		await createGroupFromBody(ctx, b.owner, { eventSlug: b.event.slug, title: 'Groupe B' });
		// Alice also reads event B.
		await addTeamMember(t.db, b.event.id, a.owner!.id, 'readonly');
		const all = await listVisibleGroups(ctx, a.owner!);
		expect(all.map((g) => [g.title, g.event.slug]).sort()).toEqual(
			[
				['Groupe A', a.event.slug],
				['Groupe B', b.event.slug]
			].sort()
		);
		expect((await listVisibleGroups(ctx, a.owner!, b.event.slug)).map((g) => g.title)).toEqual(['Groupe B']);
		expect((await listVisibleGroups(ctx, b.owner!)).map((g) => g.title)).toEqual(['Groupe B']);
		await expect(listVisibleGroups(ctx, b.owner!, a.event.slug)).rejects.toThrow(NotFoundError);
		const nobody = await newUser(t.db);
		expect(await listVisibleGroups(ctx, nobody)).toEqual([]);
		// Readonly cannot create; another event's owner does not see it; bad input.
		await expect(createGroupFromBody(ctx, a.owner, { eventSlug: b.event.slug, title: 'Non' })).rejects.toThrow(ForbiddenError);
		await expect(createGroupFromBody(ctx, b.owner, { eventSlug: a.event.slug, title: 'Non' })).rejects.toThrow(NotFoundError);
		expect(await issuesOf(createGroupFromBody(ctx, a.owner, { title: 'Sans événement' }))).toEqual(['eventSlug:errors.required']);
		expect(await issuesOf(createGroupFromBody(ctx, a.owner, { eventSlug: a.event.slug, title: '', nextStatus: 'x' }))).toEqual([
			'title:errors.required',
			'nextStatus:errors.invalidChoice'
		]);
	});
});
