import type { Db } from '../db/index.ts';
import type { PeriodicJob } from '../jobs.ts';
import { queueDueCampaigns } from './campaign.service.ts';

/**
 * Scheduled campaigns, as a periodic job: every minute, queues those whose time has come and
 * kicks the mail renderer. Idempotent: a campaign is queued by one run only (queueCampaign).
 */
export function campaignJobs(db: Db, onQueued: () => void): PeriodicJob[] {
	return [
		{
			name: 'campaigns',
			everyMs: 60_000,
			async run(now: Date) {
				const r = await queueDueCampaigns(db, now);
				if (r.queued > 0) onQueued();
				return r;
			}
		}
	];
}
