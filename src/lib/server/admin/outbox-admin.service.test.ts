import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { enqueueMail, getMail } from '../mail/outbox.service.ts';
import { ConflictError, NotFoundError } from '../validation.ts';
import { requeueFailedMail } from './outbox-admin.service.ts';

const mail = {
	kind: 'registration-confirmed',
	to: 'zoe@example.org',
	subject: 'Inscription confirmée',
	text: 'Bonjour',
	html: '<p>Bonjour</p>'
};

describe.each(DIALECTS)('outbox retry for administrators (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterAll(async () => t.close());

	it('test_requeueFailedMail_puts_a_failed_message_back_and_refuses_one_that_did_not_fail', async () => {
		const admin = await newUser(ctx.db, { isAdmin: true });
		const { id } = await enqueueMail(ctx.db, mail);

		await expect(requeueFailedMail(ctx.db, admin, id)).rejects.toBeInstanceOf(ConflictError);
		await ctx.db.updateTable('mail_message').set({ status: 'failed', attempts: 8 }).where('id', '=', id).execute();
		await requeueFailedMail(ctx.db, admin, id);

		expect(await getMail(ctx.db, id)).toMatchObject({ status: 'pending', attempts: 0 });
	});

	it('test_requeueFailedMail_unknown_message_or_non_administrator_is_not_found', async () => {
		const admin = await newUser(ctx.db, { isAdmin: true });
		const organiser = await newUser(ctx.db);
		const { id } = await enqueueMail(ctx.db, mail);
		await ctx.db.updateTable('mail_message').set({ status: 'failed', attempts: 8 }).where('id', '=', id).execute();

		await expect(requeueFailedMail(ctx.db, admin, 'inconnu')).rejects.toBeInstanceOf(NotFoundError);
		await expect(requeueFailedMail(ctx.db, organiser, id)).rejects.toBeInstanceOf(NotFoundError);
		expect(await getMail(ctx.db, id)).toMatchObject({ status: 'failed' });
	});
});
