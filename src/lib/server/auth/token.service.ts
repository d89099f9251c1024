import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { NotFoundError, parseOrThrow } from '../validation.ts';
import type { Actor } from './permissions.ts';
import { findActiveTokenByHash, insertApiToken, listTokensOfUser, revokeTokenOfUser, touchToken } from './token.queries.ts';

const TOKEN_PREFIX = 'mlg_';

export const tokenCreateSchema = z
	.object({ name: z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(80, { error: 'errors.tooLong' }) })
	.strict();

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a personal API token for the actor. The clear token is returned once and never stored:
 * only its SHA-256 and its first characters (to recognise it in the list) are kept.
 */
export async function createApiToken(db: DbOrTx, actor: Actor, input: unknown): Promise<{ id: string; token: string; name: string }> {
	if (!actor) throw new NotFoundError('actor');
	const { name } = parseOrThrow(tokenCreateSchema, input);
	const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
	const id = crypto.randomUUID();
	await insertApiToken(db, {
		id,
		user_id: actor.id,
		name,
		token_hash: hashToken(token),
		token_prefix: token.slice(0, 10),
		created_at: nowIso()
	});
	return { id, token, name };
}

/** The actor a bearer token stands for, or null when it is unknown or revoked. Records its use (at most once a minute). */
export async function authenticateToken(db: DbOrTx, token: string): Promise<(NonNullable<Actor> & { email: string; name: string }) | null> {
	if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
	const row = await findActiveTokenByHash(db, hashToken(token));
	if (!row) return null;
	const now = new Date();
	if (!row.last_used_at || now.getTime() - new Date(toIso(row.last_used_at)).getTime() > 60_000)
		await touchToken(db, row.id, now.toISOString());
	return { id: row.user_id, isAdmin: row.is_admin === 1, email: row.email, name: row.name };
}

export async function listApiTokens(db: DbOrTx, actor: Actor) {
	if (!actor) return [];
	const rows = await listTokensOfUser(db, actor.id);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		prefix: r.token_prefix,
		createdAt: toIso(r.created_at),
		lastUsedAt: toIso(r.last_used_at),
		revokedAt: toIso(r.revoked_at)
	}));
}

/** Revokes one of the actor's own tokens; another person's token id is NotFoundError. */
export async function revokeApiToken(db: DbOrTx, actor: Actor, tokenId: string): Promise<void> {
	if (!actor) throw new NotFoundError('token');
	const res = await revokeTokenOfUser(db, actor.id, tokenId, nowIso());
	if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('token');
}
