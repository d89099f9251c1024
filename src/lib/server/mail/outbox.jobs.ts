/**
 * The periodic work of the outbox, for the app's job runner (`startPeriodicJobs` in ../jobs.ts):
 * every 6 hours, the messages done with for more than `MAIL_RETENTION_DAYS` days are deleted
 * (purgeOldMail). Idempotent and safe from several processes sharing one database.
 */
import type { Db } from '../db/index.ts';
import type { PeriodicJob } from '../jobs.ts';
import { purgeOldMail } from './outbox.service.ts';

export function outboxRetentionJob(db: Db, days: number): PeriodicJob {
	return {
		name: 'outbox-retention',
		everyMs: 6 * 60 * 60_000,
		run: (now) => purgeOldMail(db, { days, now })
	};
}
