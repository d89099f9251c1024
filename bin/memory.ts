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
//   started with them, unless the operator chose (the flag in the command, or NODE_OPTIONS for
//   the semi-space size, the only one of the two Node accepts there).
//   (`--optimize-for-size` was tried: 142 → 114 MB for the app loaded in a bare script, but no
//   difference for the served app, 158 MB idle either way: not kept);
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

// Flags given to node unless the operator chose them (in the command or NODE_OPTIONS).
const FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = FLAGS.filter((f) => !given.some((a) => a.startsWith(f.split('=')[0]) || a.startsWith(f.replace(/^--/, '--no-'))));
const env = process.env.MALLOC_ARENA_MAX ? null : { ...process.env, MALLOC_ARENA_MAX: '2' };
if ((missing.length || env) && typeof process.execve === 'function') {
	process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)], env ?? process.env);
}

/** A full garbage collection, once: what start-up left behind is given back to the system. */
export function collectStartupGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as (options: object) => void)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
