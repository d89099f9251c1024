import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { openServiceDb, issuesOf } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { createEvent, getEvent, type ServiceContext } from '../events/event.service.ts';
import { inviteMember } from '../events/team.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { decideLabelRequest, getLabelRequestForEvent, listLabelRequests, requestLabel } from './label-request.service.ts';
import { grantReviewer, revokeReviewer } from './reviewer.service.ts';

const NOW = new Date('2027-01-10T10:00:00Z');

describe.each(DIALECTS)('label requests (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function setup(overrides: Record<string, unknown> = {}) {
		const owner = await newUser(t.db);
		const event = await createEvent(ctx, owner, eventInput({ label: { status: 'not_requested', requestedOn: null }, ...overrides }));
		const admin = await newUser(t.db, { isAdmin: true });
		const reviewer = await newUser(t.db);
		await grantReviewer(ctx, admin, { email: reviewer.email });
		return { owner, event, admin, reviewer };
	}

	const mails = (eventId: string) =>
		t.db
			.selectFrom('mail_message')
			.select(['to_address', 'subject', 'kind', 'text_body'])
			.where('event_id', '=', eventId)
			.orderBy('created_at')
			.execute();

	it('test_requestLabel_readsTheEventAndSetsItsLabelRequested', async () => {
		const { owner, event } = await setup();

		const req = await requestLabel(
			ctx,
			owner,
			event.slug,
			{ expectedAudience: 150, message: 'Merci', requestedSupport: ['promotion'] },
			NOW
		);

		expect(req).toMatchObject({
			status: 'requested',
			requestedOn: '2027-01-10',
			late: false,
			expectedAudience: 150,
			requestedSupport: ['promotion']
		});
		expect(req.event).toMatchObject({
			slug: event.slug,
			commune: 'Limoges',
			departement: '87',
			themes: event.themes,
			budget: { chargesPlannedCents: 0 }
		});
		expect(req.event.organisers[0].name).toBe('Hub Nouvelle-Aquitaine');
		expect(req.history).toMatchObject([{ status: 'requested', message: 'Merci' }]);
		const after = await getEvent(ctx, owner, event.slug);
		expect(after.label).toMatchObject({ status: 'requested', requestedOn: '2027-01-10' });
	});

	it('test_requestLabel_lessThanFourMonthsAhead_isFlaggedLate', async () => {
		const { owner, event } = await setup();

		const req = await requestLabel(ctx, owner, event.slug, {}, new Date('2027-03-01T10:00:00Z'));

		expect(req.late).toBe(true);
		expect(req.deadline).toBe('2027-02-10');
	});

	it('test_requestLabel_twiceWhileOpen_isAConflict_andBadInputChangesNothing', async () => {
		const { owner, event } = await setup();
		expect(await issuesOf(requestLabel(ctx, owner, event.slug, { expectedAudience: -3, colour: 'red' }, NOW))).toEqual([
			'expectedAudience:errors.tooSmall',
			'colour:errors.unknownField'
		]);
		expect(await getLabelRequestForEvent(ctx, owner, event.slug)).toBeNull();

		await requestLabel(ctx, owner, event.slug, {}, NOW);

		await expect(requestLabel(ctx, owner, event.slug, {}, NOW)).rejects.toBeInstanceOf(ConflictError);
	});

	it('test_requestLabel_byReadonlyMemberOrStranger_isRefused', async () => {
		const { owner, event } = await setup();
		const reader = await newUser(t.db);
		await inviteMember(ctx, owner, event.slug, { email: reader.email, role: 'readonly' });
		const stranger = await newUser(t.db);

		await expect(requestLabel(ctx, reader, event.slug, {}, NOW)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(requestLabel(ctx, stranger, event.slug, {}, NOW)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_decideLabelRequest_grant_setsTheEventLabel_keepsHistory_andMailsTheOrganisers', async () => {
		const { owner, event, reviewer } = await setup();
		const req = await requestLabel(ctx, owner, event.slug, {}, NOW);

		await decideLabelRequest(ctx, reviewer, req.id, { decision: 'under_review' }, new Date('2027-01-11T10:00:00Z'));
		const done = await decideLabelRequest(
			ctx,
			reviewer,
			req.id,
			{ decision: 'granted', message: 'Bravo <b>!</b>' },
			new Date('2027-01-12T10:00:00Z')
		);

		expect(done.status).toBe('granted');
		expect(done.history.map((s) => s.status)).toEqual(['requested', 'under_review', 'granted']);
		expect(await getEvent(ctx, owner, event.slug)).toMatchObject({
			label: { status: 'granted', requestedOn: '2027-01-10' }
		});
		const sent = await mails(event.id);
		expect(sent.map((m) => [m.to_address, m.kind])).toEqual([
			[owner.email, 'label-under_review'],
			[owner.email, 'label-granted']
		]);
		expect(sent[1].text_body).toContain('Bravo <b>!</b>');
		await expect(decideLabelRequest(ctx, reviewer, req.id, { decision: 'refused', message: 'Non' })).rejects.toBeInstanceOf(ConflictError);
	});

	it('test_decideLabelRequest_moreInformation_thenOrganisersSubmitAgain', async () => {
		const { owner, event, admin } = await setup();
		const req = await requestLabel(ctx, owner, event.slug, { expectedAudience: 80 }, NOW);

		await decideLabelRequest(ctx, admin, req.id, { decision: 'more_information', message: 'Quel budget ?' }, NOW);
		const again = await requestLabel(ctx, owner, event.slug, { message: 'Budget ajouté' }, new Date('2027-01-20T10:00:00Z'));

		expect(again.id).toBe(req.id);
		expect(again.status).toBe('requested');
		expect(again.expectedAudience).toBe(80);
		expect(again.history.map((s) => [s.status, s.message])).toEqual([
			['requested', ''],
			['more_information', 'Quel budget ?'],
			['requested', 'Budget ajouté']
		]);
		expect(await issuesOf(decideLabelRequest(ctx, admin, req.id, { decision: 'refused' }))).toEqual(['message:errors.required']);
		expect(await issuesOf(decideLabelRequest(ctx, admin, req.id, { decision: 'maybe', message: 'x' }))).toEqual([
			'decision:errors.invalidChoice'
		]);
	});

	it('test_reviewerQueue_isForReviewersAndAdminsOnly', async () => {
		const { owner, event, reviewer, admin } = await setup();
		const req = await requestLabel(ctx, owner, event.slug, {}, NOW);

		expect((await listLabelRequests(ctx, reviewer, 'requested')).map((r) => r.id)).toContain(req.id);
		expect((await listLabelRequests(ctx, admin)).map((r) => r.id)).toContain(req.id);
		await expect(listLabelRequests(ctx, owner)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(decideLabelRequest(ctx, owner, req.id, { decision: 'granted', message: 'moi-même' })).rejects.toBeInstanceOf(
			ForbiddenError
		);
		expect(await issuesOf(listLabelRequests(ctx, reviewer, 'lost'))).toEqual(['status:errors.invalidChoice']);
		await expect(decideLabelRequest(ctx, reviewer, crypto.randomUUID(), { decision: 'granted', message: 'x' })).rejects.toBeInstanceOf(
			NotFoundError
		);

		await revokeReviewer(ctx, admin, reviewer.id);
		await expect(listLabelRequests(ctx, reviewer)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(grantReviewer(ctx, reviewer, { email: owner.email })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await issuesOf(grantReviewer(ctx, admin, { email: 'personne@nulle-part.fr' }))).toEqual(['email:national.errors.unknownUser']);
	});
});
