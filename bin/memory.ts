// Memory of the server process (bin/serve.js imports this first). Loading the app allocates some
// 70 MB that are garbage once it listens; V8 lets its young generation grow to tens of megabytes
// meanwhile and keeps what it has grown. An idle server held about 180 MB, of which 27 MB of live
// objects. Two measures bring it down (figures in ARCHITECTURE.md, "Operations"):
// - the young generation is capped at 4 MB semi-spaces: the flag must be given to node itself, so
//   the process replaces itself (same pid, for systemd and the tests) with one started with it,
//   unless the operator chose a size (`--max-semi-space-size` in the command or NODE_OPTIONS);
// - one full collection once the server listens (`collectStartupGarbage`), rather than waiting
//   for memory pressure that an idle server never has.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const FLAG = '--max-semi-space-size';
const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith(FLAG));
if (!chosen && typeof process.execve === 'function') {
	process.execve(process.execPath, [process.execPath, `${FLAG}=4`, ...process.execArgv, ...process.argv.slice(1)], process.env);
}

/** A full garbage collection, once: what start-up left behind is given back to the system. */
export function collectStartupGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}
