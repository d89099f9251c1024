// Resident memory of a child process, read from /proc (Linux), for the benchmarks' reports.
import { readFileSync } from 'node:fs';

/** The process's resident set in MB, or null where /proc is not there. */
export function rssMb(pid: number | undefined): number | null {
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) / 1024 : null;
	} catch {
		return null;
	}
}

/** Samples the resident set every 50 ms until `stop()`, which returns the highest seen (MB). */
export function samplePeakRss(pid: number | undefined): { stop(): number | null } {
	let peak: number | null = null;
	const take = () => {
		const now = rssMb(pid);
		if (now !== null) peak = Math.max(peak ?? 0, now);
	};
	take();
	const timer = setInterval(take, 50);
	return {
		stop() {
			clearInterval(timer);
			take();
			return peak;
		}
	};
}
