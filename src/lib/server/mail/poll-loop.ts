/**
 * Rounds of `work`: at once, whenever kicked, and `pollMs` after the last round ended. Never two at
 * once: a kick during a round asks for one more round after it (what was queued meanwhile). The
 * outbox's worker and renderer run on it.
 */
export interface PollLoop {
	/** Runs a round now (or one more after the current one); resolves when the rounds end. */
	run(): Promise<void>;
	/** Waits for the current rounds, then runs no more. */
	stop(): Promise<void>;
	readonly stopping: boolean;
}

export function startPollLoop(work: () => Promise<void>, options: { pollMs: number; unref?: boolean }): PollLoop {
	let stopping = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<void> | null = null;
	let again = false;

	function schedule(): void {
		if (stopping || timer) return;
		timer = setTimeout(() => {
			timer = null;
			void run();
		}, options.pollMs);
		if (options.unref) timer.unref();
	}

	function run(): Promise<void> {
		if (running) {
			again = true;
			return running;
		}
		if (timer) {
			clearTimeout(timer);
			timer = null;
		}
		running = (async () => {
			do {
				again = false;
				await work();
			} while (again && !stopping);
		})().finally(() => {
			running = null;
			schedule();
		});
		return running;
	}

	void run();
	return {
		run,
		get stopping() {
			return stopping;
		},
		async stop() {
			stopping = true;
			if (timer) clearTimeout(timer);
			timer = null;
			if (running) await running;
		}
	};
}
