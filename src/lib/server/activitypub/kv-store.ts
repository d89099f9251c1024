/**
 * Fedify's key-value store (remote actors' keys, activity idempotence) in the instance's own
 * database, so that it works the same on SQLite and PostgreSQL and across processes. Keys are
 * URI-encoded parts joined by '/'; values are JSON; a TTL becomes an expiry checked on read.
 */
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type { DbOrTx } from '../db/index.ts';
import { deleteKv, findKv, listKvByPrefix, upsertKv } from './activitypub.queries.ts';

const encode = (key: KvKey) => key.map((p) => encodeURIComponent(p)).join('/');
const decode = (key: string) => key.split('/').map((p) => decodeURIComponent(p)) as unknown as KvKey;
const expired = (expiresAt: string | Date | null) => expiresAt !== null && new Date(expiresAt).getTime() <= Date.now();

export class DbKvStore implements KvStore {
	private readonly db: DbOrTx;
	constructor(db: DbOrTx) {
		this.db = db;
	}

	async get<T = unknown>(key: KvKey): Promise<T | undefined> {
		const row = await findKv(this.db, encode(key));
		if (!row || expired(row.expires_at)) return undefined;
		return JSON.parse(row.value) as T;
	}

	async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
		const ms = options?.ttl ? options.ttl.total({ unit: 'millisecond' }) : null;
		await upsertKv(this.db, encode(key), JSON.stringify(value), ms === null ? null : new Date(Date.now() + ms).toISOString());
	}

	async delete(key: KvKey): Promise<void> {
		await deleteKv(this.db, encode(key));
	}

	async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
		const p = prefix && prefix.length ? encode(prefix) : '';
		for (const row of await listKvByPrefix(this.db, p)) {
			if (expired(row.expires_at)) continue;
			if (p && row.key !== p && !row.key.startsWith(`${p}/`)) continue;
			yield { key: decode(row.key), value: JSON.parse(row.value) };
		}
	}
}
