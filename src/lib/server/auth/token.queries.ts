import type { DbOrTx } from '../db/index.ts';

export function insertApiToken(
	db: DbOrTx,
	row: { id: string; user_id: string; name: string; token_hash: string; token_prefix: string; created_at: string }
) {
	return db
		.insertInto('api_token')
		.values({ ...row, last_used_at: null, revoked_at: null })
		.execute();
}

export function findActiveTokenByHash(db: DbOrTx, hash: string) {
	return db
		.selectFrom('api_token')
		.innerJoin('user', 'user.id', 'api_token.user_id')
		.select(['api_token.id', 'api_token.user_id', 'api_token.last_used_at', 'user.is_admin', 'user.email', 'user.name'])
		.where('api_token.token_hash', '=', hash)
		.where('api_token.revoked_at', 'is', null)
		.executeTakeFirst();
}

export function listTokensOfUser(db: DbOrTx, userId: string) {
	return db
		.selectFrom('api_token')
		.select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
}

export function revokeTokenOfUser(db: DbOrTx, userId: string, tokenId: string, at: string) {
	return db
		.updateTable('api_token')
		.set({ revoked_at: at })
		.where('id', '=', tokenId)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}

export function touchToken(db: DbOrTx, tokenId: string, at: string) {
	return db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}
