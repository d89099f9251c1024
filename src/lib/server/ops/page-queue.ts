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
 * The public files (PDFs, calendars, CSV, documents) wait in the same line: on SQLite they are
 * made on the same thread. A render holds its place at most `HOLD_MS`: one that never settles (a
 * lock, or an HTTP request to this same server's public URL, which would wait behind it) cannot
 * stop the line. A page's `event.fetch` is not queued (`isSubRequest`). A visitor who leaves
 * while waiting (the request's signal aborts) leaves the line: nothing is rendered for them.
 */

/** A request whose visitor may leave while it waits: what to answer then, without rendering. */
export interface Leaving<T> {
	signal: AbortSignal;
	gone: () => T;
}

export interface PageQueue {
	/**
	 * Runs `render` when a place is free (at once if one is), in arrival order, and frees the place
	 * when it settles or after `holdMs`, whichever comes first. A request whose `signal` aborts
	 * before its turn leaves the line and gets `gone()`.
	 */
	run<T>(render: () => Promise<T>, leaving?: Leaving<T>): Promise<T>;
	/** Renders holding a place and requests waiting, now. */
	readonly running: number;
	readonly waiting: number;
}

/** How long a render may hold its place: past it, the next in line starts anyway. */
export const HOLD_MS = 10_000;

export function createPageQueue(capacity: number, options: { holdMs?: number } = {}): PageQueue {
	if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a page queue needs a whole capacity of at least 1, got ${capacity}`);
	const holdMs = options.holdMs ?? HOLD_MS;
	let running = 0;
	const waiting: (() => void)[] = [];
	const release = () => {
		// The place goes straight to the next in line: a newcomer cannot take it in between.
		const next = waiting.shift();
		if (next) next();
		else running--;
	};
	/** Resolves true with a place, false if `signal` aborted first (the request left the line). */
	const place = (signal?: AbortSignal) =>
		new Promise<boolean>((resolve) => {
			if (running < capacity) {
				running++;
				return resolve(true);
			}
			const leave = () => {
				const at = waiting.indexOf(grant);
				if (at >= 0) waiting.splice(at, 1);
				resolve(false);
			};
			const grant = () => {
				signal?.removeEventListener('abort', leave);
				resolve(true);
			};
			waiting.push(grant);
			signal?.addEventListener('abort', leave, { once: true });
		});
	return {
		async run(render, leaving) {
			if (leaving?.signal.aborted) return leaving.gone();
			const granted = await place(leaving?.signal);
			// Not granted: the signal aborted, so `leaving` was given.
			if (!granted && leaving) return leaving.gone();
			let held = true;
			const free = () => {
				if (!held) return;
				held = false;
				release();
			};
			// A render that never settles (a lock, a request to this same server) frees its place.
			const timer = setTimeout(free, holdMs);
			timer.unref?.();
			try {
				if (leaving?.signal.aborted) return leaving.gone();
				return await render();
			} finally {
				clearTimeout(timer);
				free();
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

/** Whether a request waits in the page queue: a visitor's GET or HEAD of a public page or file, not a request made by another page's `load`. */
export function queuesPage(method: string, routeId: string | null, isSubRequest: boolean): boolean {
	return (
		(method === 'GET' || method === 'HEAD') &&
		!isSubRequest &&
		routeId !== null &&
		(routeId === '/(public)' || routeId.startsWith('/(public)/'))
	);
}
