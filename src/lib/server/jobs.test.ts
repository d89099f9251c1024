import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJobs } from './jobs.ts';

describe('periodic jobs', () => {
	afterEach(() => vi.useRealTimers());

	it('test_startPeriodicJobs_runs_after_start_then_every_interval_without_overlap', async () => {
		vi.useFakeTimers();
		let runs = 0;
		let release: () => void = () => {};
		const runner = startPeriodicJobs([{ name: 'slow', everyMs: 1_000, run: () => ((runs += 1), new Promise<void>((r) => (release = r))) }]);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(runs).toBe(1);
		await vi.advanceTimersByTimeAsync(3_000); // still running: no second run
		expect(runs).toBe(1);
		release();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(runs).toBe(2);
		release();
		await runner.stop();
	});

	it('test_startPeriodicJobs_logs_a_failure_and_goes_on', async () => {
		vi.useFakeTimers();
		const lines: string[] = [];
		let runs = 0;
		const runner = startPeriodicJobs(
			[
				{
					name: 'boom',
					everyMs: 1_000,
					run: async () => {
						runs += 1;
						throw new Error('panne');
					}
				}
			],
			(l) => lines.push(l)
		);
		await vi.advanceTimersByTimeAsync(6_000);
		expect(runs).toBeGreaterThanOrEqual(2);
		expect(lines[0]).toBe('job boom failed: panne');
		await runner.stop();
	});
});
