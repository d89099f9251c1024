/**
 * The periodic work of registrations, for the app's job runner (`startPeriodicJobs` in
 * ../jobs.ts): the J−7 / J−1 reminders every 5 minutes, the expired holds of double opt-in
 * every 15 minutes, and the erasure of registrations whose
 * keeping time (3 years after their event) is over, every 6 hours. Both are idempotent and safe
 * from several processes sharing one database.
 */
import type { DbHandle } from '../db/index.ts';
import type { PeriodicJob } from '../jobs.ts';
import { purgeExpiredRegistrations, queueDueReminders } from './reminders.service.ts';
import { purgeExpiredHolds } from './registration-hold.service.ts';

export function registrationJobs(handle: DbHandle, publicUrl: string, kickMail: () => void = () => {}): PeriodicJob[] {
	return [
		{
			name: 'registration-reminders',
			everyMs: 5 * 60_000,
			async run(now) {
				const { queued } = await queueDueReminders({ db: handle.db, publicUrl }, now);
				if (queued > 0) kickMail();
				return queued;
			}
		},
		{
			// Double opt-in: a confirmation link unused after HOLD_HOURS. Nothing to free, a hold takes nothing.
			name: 'registration-holds-expiry',
			everyMs: 15 * 60_000,
			run: (now) => purgeExpiredHolds(handle.db, now)
		},
		{
			name: 'registration-retention',
			everyMs: 6 * 60 * 60_000,
			run: (now) => purgeExpiredRegistrations(handle.db, now)
		}
	];
}
