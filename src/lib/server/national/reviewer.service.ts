/** The instance role « relecteur·rice national·e », given and taken back by instance administrators. */
import { z } from 'zod';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import { ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { deleteReviewer, findUserByEmail, insertReviewer, listReviewerRows } from './label-request.queries.ts';

export const reviewerInputSchema = z.strictObject({
	email: z
		.string({ error: 'errors.required' })
		.trim()
		.toLowerCase()
		.max(254, { error: 'errors.tooLong' })
		.pipe(z.email({ error: 'errors.email' }))
});

function assertAdmin(actor: Actor): NonNullable<Actor> {
	if (!actor) throw new NotFoundError('actor');
	if (!actor.isAdmin) throw new ForbiddenError('admin');
	return actor;
}

/** The national reviewers (administrators review too without being listed). */
export async function listReviewers(ctx: ServiceContext, actor: Actor) {
	assertAdmin(actor);
	const rows = await listReviewerRows(ctx.db);
	return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, since: toIso(r.created_at) }));
}

/** Gives the role to an existing account (by e-mail); giving it twice changes nothing. */
export async function grantReviewer(ctx: ServiceContext, actor: Actor, input: unknown): Promise<void> {
	const admin = assertAdmin(actor);
	const { email } = parseOrThrow(reviewerInputSchema, input);
	const user = await findUserByEmail(ctx.db, email);
	if (!user) throw new ValidationError([{ field: 'email', message: 'national.errors.unknownUser' }]);
	await insertReviewer(ctx.db, user.id, admin.id, nowIso());
}

/** Takes the role back; the person's past decisions stay in the requests' history. */
export async function revokeReviewer(ctx: ServiceContext, actor: Actor, userId: string): Promise<void> {
	assertAdmin(actor);
	await deleteReviewer(ctx.db, userId);
}
