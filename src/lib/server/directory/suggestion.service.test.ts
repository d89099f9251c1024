import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { placeRow, placesCsv } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { ConflictError, NotFoundError } from '../validation.ts';
import { StaleVersionError } from '../edit-version.ts';
import { getPlace, importPlacesCsv } from './place.service.ts';
import { getStructure, getStructureModeration, mergeStructures, structureVersion } from './structure.service.ts';
import {
	MAX_PENDING_PER_TARGET,
	acceptCorrection,
	decideCorrection,
	listCorrectionQueue,
	refuseCorrection,
	suggestCorrection
} from './suggestion.service.ts';

describe.each(DIALECTS)('corrections suggested on the directory on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let admin: Awaited<ReturnType<typeof newUser>>;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		admin = await newUser(t.db, { isAdmin: true });
	});
	afterAll(() => t.close());
	const now = new Date('2027-03-01T10:00:00Z');
	const importPlaces = (...rows: ReturnType<typeof placeRow>[]) => importPlacesCsv(ctx, admin, new TextEncoder().encode(placesCsv(rows)));
	const mails = (kind: string) => t.db.selectFrom('mail_message').select(['to_address', 'text_body']).where('kind', '=', kind).execute();

	it('test_a_visitor_suggests_a_place_correction_a_moderator_accepts_it_and_it_is_applied', async () => {
		await importPlaces(placeRow({ id: 'corr-1', nom: 'Médiathèque du Vigenal', horaires: 'Tu-Sa 10:00-18:00' }));
		const { id } = await suggestCorrection(
			ctx,
			{ kind: 'place', id: 'corr-1' },
			{ field: 'horaires', value: 'Mo-Fr 09:00-12:00', note: 'Nouveaux horaires depuis janvier', email: 'lea@example.org' },
			now
		);
		const queue = await listCorrectionQueue(ctx, admin);
		expect(queue.find((q) => q.id === id)).toMatchObject({
			kind: 'place',
			publicId: 'corr-1',
			targetName: 'Médiathèque du Vigenal',
			field: 'horaires',
			current: 'Tu-Sa 10:00-18:00',
			value: 'Mo-Fr 09:00-12:00',
			email: 'lea@example.org'
		});
		await acceptCorrection(ctx, admin, id, now);
		expect(await getPlace(ctx, 'corr-1')).toMatchObject({ horaires: 'Mo-Fr 09:00-12:00', date_maj: '2027-03-01' });
		expect((await listCorrectionQueue(ctx, admin)).map((q) => q.id)).not.toContain(id);
		const [mail] = await mails('directory-correction-accepted');
		expect(mail.to_address).toBe('lea@example.org');
		expect(mail.text_body).toContain('/annuaire/lieux/corr-1');
		// The address is forgotten with the decision.
		const row = await t.db.selectFrom('directory_suggestion').select(['status', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ status: 'accepted', email: null });
		await expect(acceptCorrection(ctx, admin, id, now)).rejects.toThrow(ConflictError);
	});

	it('test_invalid_values_are_refused_with_reasons_at_suggestion_and_at_acceptance_nothing_applied', async () => {
		await importPlaces(placeRow({ id: 'corr-2', nom: 'EPN de Guéret' }));
		expect(await issuesOf(suggestCorrection(ctx, { kind: 'place', id: 'corr-2' }, { field: 'horaires', value: 'le matin' }, now))).toEqual([
			'value:directory.errors.openingHours'
		]);
		expect(await issuesOf(suggestCorrection(ctx, { kind: 'place', id: 'corr-2' }, { field: 'id', value: 'autre' }, now))).toEqual([
			'field:errors.invalidChoice'
		]);
		expect(
			await issuesOf(
				suggestCorrection(ctx, { kind: 'place', id: 'corr-2' }, { field: 'telephone', value: '', email: 'pas une adresse' }, now)
			)
		).toEqual(['value:errors.required', 'email:errors.email']);
		await expect(suggestCorrection(ctx, { kind: 'place', id: 'absent' }, { field: 'nom', value: 'x' }, now)).rejects.toThrow(NotFoundError);

		// Valid when suggested, invalid once the place changed: the reason, nothing applied.
		const { id } = await suggestCorrection(ctx, { kind: 'place', id: 'corr-2' }, { field: 'latitude', value: '46.17' }, now);
		await importPlaces(placeRow({ id: 'corr-2', nom: 'EPN de Guéret', latitude: undefined, longitude: undefined }));
		const before = await getPlace(ctx, 'corr-2');
		expect(await issuesOf(acceptCorrection(ctx, admin, id, now))).toEqual(['value:directory.errors.coordinatesPair']);
		expect(await getPlace(ctx, 'corr-2')).toEqual(before);
		await refuseCorrection(ctx, admin, id, now);
		expect((await listCorrectionQueue(ctx, admin)).map((q) => q.id)).not.toContain(id);
	});

	it('test_structure_corrections_replace_the_gathered_value_and_only_moderators_decide', async () => {
		const alice = await newUser(t.db);
		const event = await createEvent(
			ctx,
			alice,
			eventInput({ organisers: [{ name: 'Assocation des Connectés', type: 'association', rna: 'W872000999', role: 'lead' }] })
		);
		await updateEvent(ctx, alice, event.slug, { status: 'published' });
		expect(
			await issuesOf(suggestCorrection(ctx, { kind: 'structure', id: 'rna-W872000999' }, { field: 'type', value: 'club' }, now))
		).toEqual(['value:errors.invalidChoice']);
		expect(await issuesOf(suggestCorrection(ctx, { kind: 'structure', id: 'rna-W872000999' }, { field: 'rna', value: 'W1' }, now))).toEqual(
			['field:errors.invalidChoice']
		);
		const { id } = await suggestCorrection(
			ctx,
			{ kind: 'structure', id: 'rna-W872000999' },
			{ field: 'name', value: 'Association des Connectés' },
			now
		);
		await expect(acceptCorrection(ctx, alice, id, now)).rejects.toThrow(NotFoundError);
		await expect(listCorrectionQueue(ctx, alice)).rejects.toThrow(NotFoundError);
		await acceptCorrection(ctx, admin, id, now);
		expect((await getStructure(ctx, 'rna-W872000999')).name).toBe('Association des Connectés');
	});

	it('test_pending_corrections_per_record_are_capped', async () => {
		await importPlaces(placeRow({ id: 'corr-flood' }));
		for (let i = 0; i < MAX_PENDING_PER_TARGET; i++)
			await suggestCorrection(ctx, { kind: 'place', id: 'corr-flood' }, { field: 'nom', value: `Nom ${i}` }, now);
		await expect(suggestCorrection(ctx, { kind: 'place', id: 'corr-flood' }, { field: 'nom', value: 'Encore' }, now)).rejects.toThrow(
			ConflictError
		);
	});

	const versionOf = async (schemaId: string) =>
		Number(
			(await t.db.selectFrom('directory_place').select('version').where('schema_id', '=', schemaId).executeTakeFirstOrThrow()).version
		);

	/** A place and two corrections of its opening hours, with the queue as a moderator loaded it. */
	async function twoCorrections(schemaId: string) {
		await importPlaces(placeRow({ id: schemaId, horaires: 'Tu-Sa 10:00-18:00' }));
		const ids = [];
		for (const value of ['Mo-Fr 09:00-12:00', 'Mo-Fr 14:00-18:00'])
			ids.push((await suggestCorrection(ctx, { kind: 'place', id: schemaId }, { field: 'horaires', value }, now)).id);
		const queue = await listCorrectionQueue(ctx, admin);
		return ids.map((id) => queue.find((q) => q.id === id)!);
	}

	it('test_acceptCorrection_second_from_the_same_queue_is_stale_and_applies_nothing', async () => {
		const [first, second] = await twoCorrections('ver-place-1');
		expect([first.version, second.version]).toEqual(['1', '1']);
		await acceptCorrection(ctx, admin, first.id, now, first.version);
		expect(await versionOf('ver-place-1')).toBe(2);
		await expect(acceptCorrection(ctx, admin, second.id, now, second.version)).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getPlace(ctx, 'ver-place-1')).horaires).toBe('Mo-Fr 09:00-12:00');
		// Still waiting, shown with the value as it is now: accepting it again is deliberate.
		expect((await listCorrectionQueue(ctx, admin)).find((q) => q.id === second.id)).toMatchObject({
			current: 'Mo-Fr 09:00-12:00',
			version: '2'
		});
	});

	it('test_acceptCorrection_concurrent_accepts_from_one_version_exactly_one_wins', async () => {
		const [first, second] = await twoCorrections('ver-place-2');
		const results = await Promise.allSettled([first, second].map((q) => acceptCorrection(ctx, admin, q.id, now, q.version)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		expect(await versionOf('ver-place-2')).toBe(2);
	});

	it('test_an_import_that_changes_a_place_raises_its_version_and_outdates_the_queue', async () => {
		const [first] = await twoCorrections('ver-place-3');
		await importPlaces(placeRow({ id: 'ver-place-3', horaires: 'Mo-Su 08:00-20:00' }));
		expect(await versionOf('ver-place-3')).toBe(2);
		await expect(acceptCorrection(ctx, admin, first.id, now, first.version)).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getPlace(ctx, 'ver-place-3')).horaires).toBe('Mo-Su 08:00-20:00');
	});

	it('test_mergeStructures_refuses_a_side_changed_since_the_screen_was_loaded', async () => {
		for (const [name, role] of [
			['Association La Fabrique', 'lead'],
			['La Fabrique', 'partner']
		] as const) {
			const ev = await createEvent(ctx, admin, eventInput({ organisers: [{ name, type: 'association', role }] }));
			await updateEvent(ctx, admin, ev.slug, { status: 'published' });
		}
		const pair = (await getStructureModeration(ctx, admin)).duplicates.find((g) => g.some((s) => s.id === 'nom-la-fabrique-limoges'))!;
		const from = pair.find((s) => s.id === 'nom-la-fabrique-limoges')!;
		const into = pair.find((s) => s.id === 'nom-association-la-fabrique-limoges')!;
		// Meanwhile, another moderator renames the structure the first meant to merge into.
		const { id } = await suggestCorrection(ctx, { kind: 'structure', id: into.id }, { field: 'name', value: 'Fabrique (tiers-lieu)' }, now);
		await acceptCorrection(ctx, admin, id, now);
		const merge = { from: from.id, into: into.id, fromVersion: from.version, intoVersion: into.version };
		await expect(mergeStructures(ctx, admin, merge)).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getStructureModeration(ctx, admin)).merges.filter((m) => m.from === from.id)).toEqual([]);
		// From what is there now, the merge goes through.
		const intoVersion = structureVersion(await getStructure(ctx, into.id));
		await mergeStructures(ctx, admin, { ...merge, intoVersion });
		expect((await getStructure(ctx, from.id)).mergedInto).toBe(into.id);
	});

	it('test_decide_correction_accepts_or_refuses_as_told_and_only_for_moderators', async () => {
		await importPlaces(placeRow({ id: 'corr-decide', nom: 'Espace public numérique', horaires: 'Mo 10:00-12:00' }));
		const suggest = (value: string) => suggestCorrection(ctx, { kind: 'place', id: 'corr-decide' }, { field: 'horaires', value }, now);
		const kept = await suggest('Tu 10:00-12:00');
		const dropped = await suggest('We 10:00-12:00');
		const organiser = await newUser(t.db);
		await expect(decideCorrection(ctx, organiser, kept.id, { decision: 'accepted' }, now)).rejects.toThrow(NotFoundError);
		await expect(decideCorrection(ctx, null, kept.id, { decision: 'accepted' }, now)).rejects.toThrow(NotFoundError);
		expect(await issuesOf(decideCorrection(ctx, admin, kept.id, { decision: 'maybe' }, now))).toEqual(['decision:errors.invalidChoice']);
		expect(await decideCorrection(ctx, admin, dropped.id, { decision: 'refused' }, now)).toEqual({ id: dropped.id, decision: 'refused' });
		expect(await decideCorrection(ctx, admin, kept.id, { decision: 'accepted' }, now)).toEqual({ id: kept.id, decision: 'accepted' });
		expect(await getPlace(ctx, 'corr-decide')).toMatchObject({ horaires: 'Tu 10:00-12:00' });
		await expect(decideCorrection(ctx, admin, dropped.id, { decision: 'accepted' }, now)).rejects.toThrow(ConflictError);
		await expect(decideCorrection(ctx, admin, 'inconnue', { decision: 'accepted' }, now)).rejects.toThrow(NotFoundError);
	});
});
