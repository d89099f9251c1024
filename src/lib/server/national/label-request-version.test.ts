import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { createEvent, type ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { decideLabelRequest, getLabelRequestForEvent, requestLabel } from './label-request.service.ts';
import { grantReviewer } from './reviewer.service.ts';

const NOW = new Date('2027-01-10T10:00:00Z');

describe.each(DIALECTS)('label request versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_requestLabel_a_form_opened_before_the_reviewers_step_is_stale_and_writes_nothing', async () => {
		const owner = await newUser(t.db);
		const event = await createEvent(ctx, owner, eventInput({ label: { status: 'not_requested', requestedOn: null } }));
		const admin = await newUser(t.db, { isAdmin: true });
		const reviewer = await newUser(t.db);
		await grantReviewer(ctx, admin, { email: reviewer.email });
		const first = await requestLabel(ctx, owner, event.slug, { expectedAudience: 100 }, NOW, 0);
		await decideLabelRequest(ctx, reviewer, first.id, { decision: 'more_information', message: 'Le budget ?' }, NOW);
		const opened = (await getLabelRequestForEvent(ctx, owner, event.slug))!;
		expect(opened.version).toBe(first.version + 1);
		// Two organisers answer from the same page: the first one's request stands.
		await requestLabel(ctx, owner, event.slug, { expectedAudience: 150 }, NOW, opened.version);
		await decideLabelRequest(ctx, reviewer, first.id, { decision: 'more_information', message: 'Encore ?' }, NOW);
		await expect(requestLabel(ctx, owner, event.slug, { expectedAudience: 999 }, NOW, opened.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect(await getLabelRequestForEvent(ctx, owner, event.slug)).toMatchObject({
			status: 'more_information',
			expectedAudience: 150,
			version: opened.version + 2
		});
	});

	it('test_requestLabel_a_form_opened_when_there_was_no_request_is_stale_once_one_exists', async () => {
		const owner = await newUser(t.db);
		const event = await createEvent(ctx, owner, eventInput({ label: { status: 'not_requested', requestedOn: null } }));
		const admin = await newUser(t.db, { isAdmin: true });
		const reviewer = await newUser(t.db);
		await grantReviewer(ctx, admin, { email: reviewer.email });
		const first = await requestLabel(ctx, owner, event.slug, {}, NOW, 0);
		await decideLabelRequest(ctx, reviewer, first.id, { decision: 'refused', message: 'Non' }, NOW);
		await expect(requestLabel(ctx, owner, event.slug, { expectedAudience: 30 }, NOW, 0)).rejects.toBeInstanceOf(StaleVersionError);
	});
});
