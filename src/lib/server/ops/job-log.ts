/** The structured log lines of the periodic jobs and of the outbox's worker (ids, never addresses). */
import type { PeriodicJob } from '../jobs.ts';
import type { MailOutcome } from '../mail/mail-worker.ts';
import { errorFields, getLogger, redactAddresses } from './logger.ts';

/** What a job returned, when it is a count or a record of counts; anything else is left out. */
function countsOf(result: unknown): Record<string, number> | number | undefined {
	if (typeof result === 'number') return result;
	if (!result || typeof result !== 'object') return undefined;
	const counts = Object.entries(result).filter(([, v]) => typeof v === 'number');
	return counts.length ? Object.fromEntries(counts) : undefined;
}

/** The job, logging one line per run: its name, duration, counts, or its error (then rethrown). */
export function withRunLog(job: PeriodicJob): PeriodicJob {
	return {
		...job,
		async run(now) {
			const started = performance.now();
			const durationMs = () => Math.round(performance.now() - started);
			try {
				const result = await job.run(now);
				getLogger().info({ job: job.name, durationMs: durationMs(), result: countsOf(result) }, 'job run');
				return result;
			} catch (error) {
				getLogger().error({ job: job.name, durationMs: durationMs(), err: errorFields(error) }, 'job failed');
				throw error;
			}
		}
	};
}

/** The mail worker's hooks: one line per message sent or attempt failed, and its other troubles. */
export const mailWorkerLog = {
	onSent: (mail: MailOutcome) => getLogger().info({ mail }, 'mail sent'),
	onFailed: (mail: MailOutcome, error: string, next: string) =>
		getLogger().warn({ mail, error: redactAddresses(error), next }, 'mail failed'),
	log: (line: string) => getLogger().error(redactAddresses(line))
};
