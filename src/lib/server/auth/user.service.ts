import { z } from 'zod';
import type { DbOrTx } from '../db/index.ts';
import { nowIso } from '../db/time.ts';
import { parseOrThrow } from '../validation.ts';

export const emailSchema = z
	.string({ error: 'errors.required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'errors.required' })
	.max(254, { error: 'errors.tooLong' })
	.pipe(z.email({ error: 'errors.email' }));

const userAddSchema = z
	.object({ email: emailSchema, name: z.string().trim().max(120, { error: 'errors.tooLong' }).optional(), admin: z.boolean().optional() })
	.strict();

export function findUserByEmail(db: DbOrTx, email: string) {
	return db.selectFrom('user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: DbOrTx, id: string) {
	return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Creates the account (as better-auth would on a first sign-in) or, when it exists, updates its
 * name and administrator flag if given. Returns the user and whether it was created. The address
 * counts as verified: an administrator or an event owner vouched for it, and with no passwords
 * nobody can take an account over by registering someone else's address first.
 */
export async function ensureUser(
	db: DbOrTx,
	input: unknown
): Promise<{ id: string; email: string; name: string; isAdmin: boolean; created: boolean }> {
	const data = parseOrThrow(userAddSchema, input);
	const existing = await findUserByEmail(db, data.email);
	const now = nowIso();
	if (existing) {
		const isAdmin = data.admin === undefined ? existing.is_admin === 1 : data.admin;
		const name = data.name || existing.name;
		await db
			.updateTable('user')
			.set({ name, is_admin: isAdmin ? 1 : 0, updated_at: now })
			.where('id', '=', existing.id)
			.execute();
		return { id: existing.id, email: existing.email, name, isAdmin, created: false };
	}
	const id = crypto.randomUUID();
	const name = data.name || data.email.split('@')[0];
	await db
		.insertInto('user')
		.values({
			id,
			name,
			email: data.email,
			email_verified: 1,
			image: null,
			is_admin: data.admin ? 1 : 0,
			locale: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return { id, email: data.email, name, isAdmin: !!data.admin, created: true };
}
