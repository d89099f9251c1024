import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { placeRow, placesCsv } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../validation.ts';
import { getPlace, importPlacesCsv } from './place.service.ts';
import { getStructure, mergeStructures, structureVersion } from './structure.service.ts';
import {
	decideMembership,
	editStructure,
	editStructurePlace,
	getMembership,
	listMembershipRequests,
	removeMembership,
	requestMembership,
	structuresOfMember
} from './membership.service.ts';

describe.each(DIALECTS)('structure members on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	/** A published event organised by a structure with this SIRET, and one place of that SIRET. */
	async function structureWithPlace(siret: string, name: string, placeId: string) {
		const admin = await newUser(t.db, { isAdmin: true });
		const ev = await createEvent(ctx, admin, eventInput({ organisers: [{ name, type: 'association', siret, role: 'lead' }] }));
		await updateEvent(ctx, admin, ev.slug, { status: 'published' });
		await importPlacesCsv(ctx, admin, new TextEncoder().encode(placesCsv([placeRow({ id: placeId, pivot: siret, nom: `Lieu ${name}` })])));
		return { admin, id: `siret-${siret}` };
	}

	const mails = (to: string) =>
		t.db.selectFrom('mail_message').select(['kind', 'subject']).where('to_address', '=', to).orderBy('created_at').execute();

	it('test_a_request_accepted_by_a_moderator_lets_the_member_edit_the_structure_and_its_places', async () => {
		const { admin, id } = await structureWithPlace('41103463300015', 'Les Petits Débrouillards', 'pd-lieu');
		const ana = await newUser(t.db, { name: 'Ana Roux', email: 'ana.members@example.org' });
		const outsider = await newUser(t.db, { name: 'Omar' });

		expect(await getMembership(ctx, ana, id)).toMatchObject({ me: 'none', canEdit: false, members: [] });
		// The page passes the structure it read: the same answer.
		expect(await getMembership(ctx, ana, id, await getStructure(ctx, id))).toEqual(await getMembership(ctx, ana, id));
		const asked = await requestMembership(ctx, ana, id, { note: 'Coordinatrice' });
		expect(asked).toMatchObject({ me: 'pending', canEdit: false, members: [] });
		await expect(requestMembership(ctx, ana, id, {})).rejects.toBeInstanceOf(ConflictError);
		// Not a member yet: no edit, and others see nothing of the request.
		await expect(editStructure(ctx, ana, id, { name: 'PD', type: 'association', commune: 'Limoges' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		expect((await getMembership(ctx, outsider, id)).members).toEqual([]);
		await expect(decideMembership(ctx, outsider, id, ana!.id, { decision: 'accepted' })).rejects.toBeInstanceOf(ForbiddenError);

		const queue = await listMembershipRequests(ctx, admin);
		expect(queue.filter((q) => q.structureId === id)).toMatchObject([
			{ structureName: 'Les Petits Débrouillards', name: 'Ana Roux', note: 'Coordinatrice', email: 'ana.members@example.org' }
		]);
		await expect(listMembershipRequests(ctx, ana)).rejects.toBeInstanceOf(NotFoundError);
		const decided = await decideMembership(ctx, admin, id, ana!.id, { decision: 'accepted' });
		expect(decided.members).toMatchObject([{ userId: ana!.id, status: 'active', email: 'ana.members@example.org' }]);
		await expect(decideMembership(ctx, admin, id, ana!.id, { decision: 'refused' })).rejects.toBeInstanceOf(ConflictError);
		expect(await mails('ana.members@example.org')).toEqual([
			{ kind: 'directory-membership-accepted', subject: 'Vous êtes membre de « Les Petits Débrouillards » dans l’annuaire' }
		]);
		// A member sees the members, without their addresses.
		const seen = await getMembership(ctx, ana, id);
		expect(seen).toMatchObject({ me: 'active', canEdit: true, members: [{ name: 'Ana Roux', email: null }] });
		expect(await getMembership(ctx, ana, id, await getStructure(ctx, id))).toEqual(seen);
		expect(await getMembership(ctx, null, id, await getStructure(ctx, id))).toMatchObject({ me: 'none', canEdit: false, members: [] });
		expect(await structuresOfMember(ctx, ana)).toEqual([id]);

		// The structure, at the version the form showed; a stale version changes nothing.
		const before = await getStructure(ctx, id);
		const edited = await editStructure(ctx, ana, id, {
			name: 'Les Petits Débrouillards Limousin',
			type: 'association',
			commune: 'Limoges',
			version: structureVersion(before)
		});
		expect(edited).toMatchObject({ name: 'Les Petits Débrouillards Limousin', commune: 'Limoges' });
		await expect(
			editStructure(ctx, ana, id, { name: 'Autre nom', type: 'association', commune: 'Limoges', version: structureVersion(before) })
		).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getStructure(ctx, id)).name).toBe('Les Petits Débrouillards Limousin');
		await expect(editStructure(ctx, ana, id, { name: 'X', type: 'pas-un-type', commune: '' })).rejects.toBeInstanceOf(ValidationError);

		// One of its places, by the schema's rules; another structure's place is not theirs.
		const place = await getPlace(ctx, 'pd-lieu');
		const stored = await t.db.selectFrom('directory_place').select('version').where('schema_id', '=', 'pd-lieu').executeTakeFirstOrThrow();
		const version = String(stored.version);
		const changed = await editStructurePlace(ctx, ana, id, 'pd-lieu', { field: 'horaires', value: 'Mo-Fr 09:00-17:00', version });
		expect(changed.horaires).toBe('Mo-Fr 09:00-17:00');
		expect(changed.nom).toBe(place.nom);
		await expect(
			editStructurePlace(ctx, ana, id, 'pd-lieu', { field: 'horaires', value: 'Sa 10:00-12:00', version })
		).rejects.toBeInstanceOf(StaleVersionError);
		const bad = await editStructurePlace(ctx, ana, id, 'pd-lieu', { field: 'horaires', value: 'tous les jours' }).catch((e) => e);
		expect(bad).toBeInstanceOf(ValidationError);
		expect((await getPlace(ctx, 'pd-lieu')).horaires).toBe('Mo-Fr 09:00-17:00');
		await structureWithPlace('21870085600014', 'Médiathèque de Limoges', 'bfm-lieu');
		await expect(editStructurePlace(ctx, ana, id, 'bfm-lieu', { field: 'horaires', value: 'Sa 10:00-12:00' })).rejects.toBeInstanceOf(
			NotFoundError
		);

		// Leaving ends it all.
		await removeMembership(ctx, ana, id, ana!.id);
		expect(await getMembership(ctx, ana, id)).toMatchObject({ me: 'none', canEdit: false });
		await expect(removeMembership(ctx, ana, id, ana!.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_a_member_decides_requests_others_cannot_remove_anyone_and_merges_keep_members', async () => {
		const { admin, id } = await structureWithPlace('44306184100047', 'Emmaüs Connect', 'ec-lieu');
		const [ana, ben, cleo] = [
			await newUser(t.db, { name: 'Ana', email: 'ana.ec@example.org' }),
			await newUser(t.db, { name: 'Ben', email: 'ben.ec@example.org' }),
			await newUser(t.db, { name: 'Cléo', email: 'cleo.ec@example.org' })
		];
		await requestMembership(ctx, ana, id, {});
		await decideMembership(ctx, admin, id, ana!.id, { decision: 'accepted' });
		await requestMembership(ctx, ben, id, { note: 'Bénévole' });
		await requestMembership(ctx, cleo, id, {});
		// The member accepts one and refuses the other, who is told and may ask again.
		const seen = await getMembership(ctx, ana, id);
		expect(seen.members.map((m) => [m.name, m.status, m.note, m.email])).toEqual([
			['Ana', 'active', '', null],
			['Ben', 'pending', 'Bénévole', null],
			['Cléo', 'pending', '', null]
		]);
		await decideMembership(ctx, ana, id, ben!.id, { decision: 'accepted' });
		await decideMembership(ctx, ana, id, cleo!.id, { decision: 'refused' });
		expect((await mails('cleo.ec@example.org')).map((m) => m.kind)).toEqual(['directory-membership-refused']);
		expect((await getMembership(ctx, cleo, id)).me).toBe('none');
		await expect(decideMembership(ctx, ana, id, ben!.id, { decision: 'peut-être' })).rejects.toBeInstanceOf(ValidationError);
		// Only oneself or a moderator ends a membership.
		await expect(removeMembership(ctx, ana, id, ben!.id)).rejects.toBeInstanceOf(NotFoundError);
		await removeMembership(ctx, admin, id, ben!.id);
		expect((await getMembership(ctx, ben, id)).me).toBe('none');

		// Merged into another spelling: the member belongs to the structure it was merged into.
		const other = await createEvent(
			ctx,
			admin,
			eventInput({ organisers: [{ name: 'Emmaus Connect Limousin', type: 'association', role: 'lead' }] })
		);
		await updateEvent(ctx, admin, other.slug, { status: 'published' });
		await mergeStructures(ctx, admin, { from: id, into: 'nom-emmaus-connect-limousin-limoges' });
		const merged = await getMembership(ctx, ana, id);
		expect(merged).toMatchObject({ structureId: 'nom-emmaus-connect-limousin-limoges', me: 'active', canEdit: true });
		expect(await structuresOfMember(ctx, ana)).toEqual(['nom-emmaus-connect-limousin-limoges']);
		await expect(getMembership(ctx, ana, 'nom-inconnue')).rejects.toBeInstanceOf(NotFoundError);
		await expect(requestMembership(ctx, null, id, {})).rejects.toBeInstanceOf(NotFoundError);
	});
});
