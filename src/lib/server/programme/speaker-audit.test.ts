import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newProgrammeEvent, publish, speakerInput } from '../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { toIso } from '../db/time.ts';
import { createSpeaker, getSpeaker, listSpeakers } from './speaker.service.ts';

describe.each(DIALECTS)('speakers read through the API on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	const auditOf = (eventId: string) =>
		t.db
			.selectFrom('audit_log')
			.selectAll()
			.where('event_id', '=', eventId)
			.where('action', '=', 'speakers.read-api')
			.orderBy('subject')
			.execute();

	it('test_listSpeakers_and_getSpeaker_by_the_team_write_who_what_and_when_to_the_audit_log', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const awa = await createSpeaker(
			ctx,
			owner,
			event.slug,
			speakerInput({ name: 'Awa', email: 'awa@example.org', travelCostCents: 12000 })
		);
		await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Bruno', email: 'bruno@example.org' }));
		const before = new Date().toISOString();

		const all = await listSpeakers(ctx, owner, event.slug);
		const one = await getSpeaker(ctx, owner, event.slug, awa.id);

		const after = new Date().toISOString();
		expect(all).toHaveLength(2);
		expect(one).toMatchObject({ id: awa.id, email: 'awa@example.org', travelCostCents: 12000 });
		const rows = await auditOf(event.id);
		expect(rows.map((r) => [r.actor_id, r.actor_label, r.event_label, r.subject, JSON.parse(r.details)])).toEqual([
			[owner.id, owner.email, event.title, 'GET /speakers', { rows: 2 }],
			[owner.id, owner.email, event.title, `GET /speakers/${awa.id}`, { rows: 1 }]
		]);
		for (const r of rows) expect(toIso(r.at)! >= before && toIso(r.at)! <= after).toBe(true);
	});

	it('test_listSpeakers_public_profiles_are_not_audited', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const awa = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa', email: 'awa@example.org', status: 'confirmed' }));
		await publish(ctx, owner, event.slug);

		const pub = await listSpeakers(ctx, null, event.slug);
		const one = await getSpeaker(ctx, null, event.slug, awa.id);

		expect(pub[0]).not.toHaveProperty('email');
		expect(one).not.toHaveProperty('email');
		expect(await auditOf(event.id)).toEqual([]);
	});
});
