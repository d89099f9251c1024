/**
 * WAL checkpoints of an SQLite file, on a thread of their own. By default SQLite checkpoints inside
 * the commit that fills the WAL past 1,000 pages: that commit copies the pages into the database
 * and waits for the disk (fsync), and better-sqlite3 being synchronous, every request of the
 * process waits with it: measured here, a rush of registrations spent a third of its time in
 * such stalls of 20 to 400 ms. Here a worker thread with its own connection runs a PASSIVE
 * checkpoint (it never blocks readers or writers) a few times a second; the app's connection only
 * checkpoints itself past `backstopPages`, should the thread fall behind or stop.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

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

export interface Checkpointer {
	/** Runs a last checkpoint and ends the thread. */
	stop(): Promise<void>;
}

export function startCheckpointer(path: string, options: { everyMs?: number; log?: (line: string) => void } = {}): Checkpointer {
	const log = options.log ?? ((line: string) => console.warn(line));
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(THREAD, { eval: true, workerData: { path, driver, everyMs: options.everyMs ?? 250 } });
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
