/**
 * Public pages rendered a few at a time, the others waiting their turn in arrival order.
 *
 * Without it, every request that arrives starts its `load` at once: they interleave at each
 * `await` and all hold their data until the last one renders. On SQLite the queries and the
 * rendering all run on the one JavaScript thread, so rendering them together gains nothing: each
 * answer only comes later (all of them near the end) and the heap holds every request's data at
 * once, long enough for it to survive into the old generation. Measured on the uncached
 * programme page at 20 connections (`npm run bench:programme`): resident peak 175–187 → 161 MB,
 * p99 latency 334–535 → 225–301 ms, same throughput (ARCHITECTURE.md, "Operations").
 * On PostgreSQL, queries wait on the network and requests do overlap: the default there is the
 * size of the connection pool, beyond which they would wait for a connection anyway.
 * A queued page must not wait for another queued page of the same process (an HTTP request to
 * its own public URL): with one place, it would wait for itself. A page's `event.fetch` is not
 * queued (`isSubRequest`).
 */

export interface PageQueue {
	/** Runs `render` when a place is free (at once if one is), in arrival order; frees it after. */
	run<T>(render: () => Promise<T>): Promise<T>;
	/** Renders under way and requests waiting, now. */
	readonly running: number;
	readonly waiting: number;
}

export function createPageQueue(capacity: number): PageQueue {
	if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a page queue needs a whole capacity of at least 1, got ${capacity}`);
	let running = 0;
	const waiting: (() => void)[] = [];
	const release = () => {
		// The place goes straight to the next in line: a newcomer cannot take it in between.
		const next = waiting.shift();
		if (next) next();
		else running--;
	};
	return {
		async run(render) {
			if (running < capacity) running++;
			else await new Promise<void>((resolve) => waiting.push(resolve));
			try {
				return await render();
			} finally {
				release();
			}
		},
		get running() {
			return running;
		},
		get waiting() {
			return waiting.length;
		}
	};
}

/** Whether a request waits in the page queue: a visitor's GET or HEAD of a public page, not a request made by another page's `load`. */
export function queuesPage(method: string, routeId: string | null, isSubRequest: boolean): boolean {
	return (method === 'GET' || method === 'HEAD') && !isSubRequest && routeId !== null && routeId.startsWith('/(public)/');
}
