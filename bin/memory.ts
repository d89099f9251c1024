// Memory of the server process (bin/serve.js imports this first). Loading the app allocates some
// 70 MB that are garbage once it listens; V8 lets its young generation grow to tens of megabytes
// meanwhile and keeps what it has grown. An idle server held about 180 MB, of which 27 MB of live
// objects. These measures bring it down (figures in ARCHITECTURE.md, "Operations"):
// - the young generation is capped at 4 MB semi-spaces, and the old generation may grow by 20 %
//   of what survived the last full collection before the next one (`--heap-growing-percent=20`;
//   V8 otherwise chooses a factor of up to 4 from how fast it collects against how fast the program
//   allocates: under a rush of registrations the heap filled with garbage, peak 232 → 186 MB
//   resident, same throughput, `npm run bench:registration`). Flags must be given to
//   node itself, so the process replaces itself (same pid, for systemd and the tests) with one
//   started with them, unless the operator chose (the flag in the command, either sense, or
//   NODE_OPTIONS for the semi-space size, the only one of these Node accepts there).
//   (`--optimize-for-size` was tried: 142 → 114 MB for the app loaded in a bare script, but no
//   difference for the served app, 158 MB idle either way: not kept);
// - V8 optimises hot functions on threads of its own by default; compiled on the main thread
//   (`--no-concurrent-recompilation`), the same work left less memory behind: the uncached
//   programme's peak at 20 connections 182–190 → 154–167 MB, the registration rush's 183–192 →
//   169–174 MB (with the page queue and the bundled zod and kysely). The cost: at saturation, the
//   compiling is no longer done on the second core, some 10 % fewer registrations a second (a
//   noisy figure; the rush itself, 100 a second, is unaffected). The heap's spaces are the same
//   either way: the difference is glibc's, the compile jobs' working memory, allocated on those
//   threads and kept in pieces it cannot give back (`MALLOC_MMAP_THRESHOLD_=32768` recovered part
//   of it: 168–184 MB);
// - glibc's malloc keeps up to 8 arenas per core for the threads (libuv's pool, V8's workers):
//   `MALLOC_ARENA_MAX=2` in the environment of the replaced process, unless the operator set it
//   (idle 106 → 103 MB, three runs each);
// - one full collection once the server listens (`collectStartupGarbage`), rather than waiting
//   for memory pressure that an idle server never has. The "last resort" kind, which V8's own
//   memory reducer runs some seconds after activity stops: it also compacts the old generation and
//   gives back its empty pages (a plain full collection left 132 MB resident, 108 MB only about
//   8 s later; this one, 108 MB at once).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Flags given to node unless the operator chose them (in the command or NODE_OPTIONS). */
export const FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20', '--no-concurrent-recompilation'];

/** A flag's name whichever way it is written: `--no-x`, `--x`, `--x=1` and `--x_y` all name `x-y`. */
const flagName = (arg: string) =>
	arg
		.replace(/=.*$/, '')
		.replace(/^--(no-)?/, '')
		.replaceAll('_', '-');

/** The flags of `FLAGS` the operator did not give, in either sense, among `given` (node's arguments). */
export function missingFlags(given: readonly string[]): string[] {
	const named = new Set(given.filter((a) => a.startsWith('--')).map(flagName));
	return FLAGS.filter((f) => !named.has(flagName(f)));
}

/**
 * Replaces this process (same pid, for systemd and the tests) with node started with the flags
 * the operator did not give and `MALLOC_ARENA_MAX=2` unless set; returns when nothing is missing
 * (the replaced process, or an operator who chose everything) or on a Node without `execve`.
 */
export function restartWithMemoryFlags(): void {
	const missing = missingFlags([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]);
	const env = process.env.MALLOC_ARENA_MAX ? null : { ...process.env, MALLOC_ARENA_MAX: '2' };
	if ((missing.length || env) && typeof process.execve === 'function') {
		process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)], env ?? process.env);
	}
}

/** A full garbage collection, once: what start-up left behind is given back to the system. */
export function collectStartupGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as (options: object) => void)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
