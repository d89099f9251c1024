/**
 * Lookups by key asked in the same turn of the event loop, answered by one query: `fetch` gets
 * every key asked meanwhile and answers what it found for each. On PostgreSQL each query is a
 * round trip and work for the server; in a registration rush a hundred people looked up one by
 * one cost a hundred of them.
 */
export function lookupBatch<K, V>(fetch: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
	let waiting: Map<K, { resolve(v: V | undefined): void; reject(e: unknown): void }[]> | null = null;
	return (key) =>
		new Promise<V | undefined>((resolve, reject) => {
			if (!waiting) {
				const asked = (waiting = new Map());
				setImmediate(() => {
					waiting = null;
					fetch([...asked.keys()]).then(
						(found) => {
							for (const [k, list] of asked) for (const r of list) r.resolve(found.get(k));
						},
						(error: unknown) => {
							for (const list of asked.values()) for (const r of list) r.reject(error);
						}
					);
				});
			}
			const list = waiting.get(key) ?? [];
			list.push({ resolve, reject });
			waiting.set(key, list);
		});
}
