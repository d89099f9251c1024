/**
 * WAL checkpoints of an SQLite file, on a thread of their own while writes keep coming. By default
 * SQLite checkpoints inside the commit that fills the WAL past 1,000 pages: that commit copies the
 * pages into the database and waits for the disk (fsync), and better-sqlite3 being synchronous,
 * every request of the process waits with it: measured here, a rush of registrations spent a third
 * of its time in such stalls of 20 to 400 ms. So, during a run of writes, a worker thread with its
 * own connection runs a PASSIVE checkpoint (it never blocks readers or writers) a few times a
 * second, and the app's connection only checkpoints itself past `BACKSTOP_PAGES`, should the
 * thread fall behind or stop.
 *
 * The thread is started on demand: a worker is a V8 isolate of its own (some 16 MB resident), which
 * an idle server does not need. The WAL file's modification time is looked at every `watchMs`;
 * writes seen on `busyTicks` looks in a row start the thread, `idleMs` without a write stop it
 * (after a last checkpoint), and the app's connection goes back to SQLite's own 1,000 pages.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { stat } from 'node:fs/promises';

/** The thread's code, evaluated as CommonJS: it loads the same better-sqlite3 as the app. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let timer = null;
let closed = false;
function checkpoint() {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (e) {
		parentPort.postMessage({ error: String(e && e.message || e) });
	}
}
function loop() {
	if (closed) return;
	checkpoint();
	timer = setTimeout(loop, workerData.everyMs);
}
parentPort.on('message', (m) => {
	if (m !== 'stop' || closed) return;
	closed = true;
	if (timer) clearTimeout(timer);
	checkpoint();
	db.close();
	parentPort.postMessage({ stopped: true });
});
loop();
`;

/** What the app's own connection may let the WAL reach (pages) before it checkpoints itself. */
export const BACKSTOP_PAGES = 100_000;

/** SQLite's own threshold, used while no thread checkpoints. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface Checkpointer {
	/** Whether the thread runs now. */
	readonly running: boolean;
	/** Runs a last checkpoint and ends the thread; stops watching. */
	stop(): Promise<void>;
}

export interface CheckpointOptions {
	/** How often the thread checkpoints while it runs (ms). */
	everyMs?: number;
	/** How often the WAL file is looked at (ms). */
	watchMs?: number;
	/** Looks in a row that saw a write before the thread starts. */
	busyTicks?: number;
	/** Time without a write after which the thread stops (ms). */
	idleMs?: number;
	log?: (line: string) => void;
}

/** The thread itself: started, and stopped after a last checkpoint. */
function startThread(path: string, everyMs: number, log: (line: string) => void) {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, everyMs } });
	worker.unref();
	let exited = false;
	const done = new Promise<void>((resolve) => {
		worker.once('exit', () => {
			exited = true;
			resolve();
		});
	});
	worker.on('message', (m: { error?: string }) => {
		if (m.error) log(`SQLite checkpoint: ${m.error}`);
	});
	worker.on('error', (e: Error) => log(`SQLite checkpoint thread stopped: ${e.message}`));
	return {
		async stop() {
			if (exited) return;
			const stopped = new Promise<void>((resolve) => worker.once('message', () => resolve()));
			worker.postMessage('stop');
			let timer: NodeJS.Timeout | undefined;
			// The timer is cleared: left running, it kept a stopping process alive 5 s more.
			await Promise.race([stopped, done, new Promise((r) => (timer = setTimeout(r, 5000)))]);
			clearTimeout(timer);
			await worker.terminate();
		}
	};
}

/**
 * Watches the WAL of `path` and runs the checkpoint thread while writes come.
 * `setAutocheckpoint` sets the app connection's own threshold (pages).
 */
export function startCheckpointer(path: string, setAutocheckpoint: (pages: number) => void, options: CheckpointOptions = {}): Checkpointer {
	const log = options.log ?? ((line: string) => console.warn(line));
	const { everyMs = 250, watchMs = 1000, busyTicks = 2, idleMs = 60_000 } = options;
	let thread: ReturnType<typeof startThread> | null = null;
	let lastMtime = 0;
	let lastWrite = 0;
	let writesInARow = 0;
	let stopping: Promise<void> | null = null;
	let closed = false;

	const stopThread = async () => {
		const t = thread;
		thread = null;
		if (!t) return;
		await t.stop();
		if (!closed) setAutocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES);
	};
	const look = async () => {
		const mtime = await stat(`${path}-wal`).then(
			(s) => s.mtimeMs,
			() => 0
		);
		if (closed || stopping) return;
		const now = Date.now();
		if (mtime !== lastMtime) {
			lastMtime = mtime;
			lastWrite = now;
			writesInARow++;
			if (!thread && writesInARow >= busyTicks) {
				thread = startThread(path, everyMs, log);
				setAutocheckpoint(BACKSTOP_PAGES);
			}
		} else {
			writesInARow = 0;
			if (thread && now - lastWrite >= idleMs) {
				stopping = stopThread().finally(() => (stopping = null));
			}
		}
	};
	const timer = setInterval(() => void look(), watchMs);
	timer.unref();
	setAutocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES);
	return {
		get running() {
			return thread !== null;
		},
		async stop() {
			closed = true;
			clearInterval(timer);
			await stopping;
			await stopThread();
		}
	};
}
