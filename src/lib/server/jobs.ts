/** Work an instance does on its own, on a timer: reminders, digests. */
export interface PeriodicJob {
	name: string;
	everyMs: number;
	/** Must be idempotent: two processes sharing a database may both run it. */
	run(now: Date): Promise<unknown>;
}

/**
 * Runs each job shortly after start-up and then every `everyMs`, never two runs of one job at
 * once; a failure is logged and the job runs again at its next turn.
 */
export function startPeriodicJobs(jobs: PeriodicJob[], log: (line: string) => void = console.warn): { stop(): Promise<void> } {
	const timers: NodeJS.Timeout[] = [];
	const running = new Map<string, Promise<unknown>>();
	for (const job of jobs) {
		const tick = () => {
			if (running.has(job.name)) return;
			const p = job
				.run(new Date())
				.catch((e: unknown) => log(`job ${job.name} failed: ${e instanceof Error ? e.message : String(e)}`))
				.finally(() => running.delete(job.name));
			running.set(job.name, p);
		};
		timers.push(setTimeout(tick, 5_000).unref(), setInterval(tick, job.everyMs).unref());
	}
	return {
		async stop() {
			for (const t of timers) clearTimeout(t);
			await Promise.all(running.values());
		}
	};
}
