// Memory of the server process (bin/serve.js imports this first). Loading the app allocates some
// 70 MB that are garbage once it listens; V8 lets its young generation grow to tens of megabytes
// meanwhile and keeps what it has grown. An idle server held about 180 MB, of which 27 MB of live
// objects. Two measures bring it down (figures in ARCHITECTURE.md, "Operations"):
// - the young generation is capped at 4 MB semi-spaces. Flags must be given to node itself, so the
//   process replaces itself (same pid, for systemd and the tests) with one started with them,
//   unless the operator chose (`--max-semi-space-size` in the command or NODE_OPTIONS).
//   (`--optimize-for-size` was tried: 142 → 114 MB for the app loaded in a bare script, but no
//   difference for the served app, 158 MB idle either way: not kept);
// - one full collection once the server listens (`collectStartupGarbage`), rather than waiting
//   for memory pressure that an idle server never has.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Flags given to node unless the operator chose them (in the command or NODE_OPTIONS).
const FLAGS = ['--max-semi-space-size=4'];
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = FLAGS.filter((f) => !given.some((a) => a.startsWith(f.split('=')[0]) || a.startsWith(f.replace(/^--/, '--no-'))));
if (missing.length && typeof process.execve === 'function') {
	process.execve(process.execPath, [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)], process.env);
}

/** A full garbage collection, once: what start-up left behind is given back to the system. */
export function collectStartupGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}
