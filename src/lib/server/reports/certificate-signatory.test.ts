import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { updateSignatoryFromInput } from './certificate.service.ts';
import { findReportRow } from './report.queries.ts';

// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe.each(DIALECTS)('certificates’ signatory through the API (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

	it('test_updateSignatoryFromInput_stores_the_name_and_keeps_the_image_when_none_is_sent', async () => {
		const owner = await newUser(ctx.db);
		const event = await newPublishedEvent(ctx.db, owner);

		await updateSignatoryFromInput(ctx, owner, event.slug, { signatory: ' Awa Diallo ', signature: PNG });
		const first = await findReportRow(ctx.db, event.id);
		await updateSignatoryFromInput(ctx, owner, event.slug, { signatory: 'Awa Diallo, présidente' });

		const row = await findReportRow(ctx.db, event.id);
		expect(first?.signatory).toBe('Awa Diallo');
		expect(first?.signature_file_id).toBeTruthy();
		expect(row).toMatchObject({ signatory: 'Awa Diallo, présidente', signature_file_id: first?.signature_file_id });
	});

	it('test_updateSignatoryFromInput_refuses_a_non_image_and_an_unknown_field_and_changes_nothing', async () => {
		const owner = await newUser(ctx.db);
		const event = await newPublishedEvent(ctx.db, owner);

		expect(await issuesOf(updateSignatoryFromInput(ctx, owner, event.slug, { signatory: 'Awa', signature: 'bm9uIGltYWdl' }))).toEqual([
			'signature:reports.errors.signature'
		]);
		expect(await issuesOf(updateSignatoryFromInput(ctx, owner, event.slug, { signatory: 'Awa', image: PNG }))).toEqual([
			'image:errors.unknownField'
		]);
		expect(await issuesOf(updateSignatoryFromInput(ctx, owner, event.slug, {}))).toEqual(['signatory:errors.required']);
		expect(await findReportRow(ctx.db, event.id)).toBeUndefined();
	});

	it('test_updateSignatoryFromInput_outsider_gets_not_found_before_any_validation', async () => {
		const owner = await newUser(ctx.db);
		const outsider = await newUser(ctx.db);
		const event = await newPublishedEvent(ctx.db, owner);

		await expect(updateSignatoryFromInput(ctx, outsider, event.slug, { nonsense: true })).rejects.toBeInstanceOf(NotFoundError);
		expect(await findReportRow(ctx.db, event.id)).toBeUndefined();
	});
});
