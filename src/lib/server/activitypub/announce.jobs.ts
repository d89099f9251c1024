/**
 * The periodic announcement (every minute, or ACTIVITYPUB_ANNOUNCE_MS). It compares the public
 * events with what was announced without Fedify, and loads Fedify and announce.service.ts only
 * when something is to be sent: an idle instance whose events were all announced never loads them.
 */
import type { PeriodicJob } from '../jobs.ts';
import type { ApContextData, ApFederation } from './activitypub.ts';
import { listAnnouncementChanges } from './actors.ts';

export function announceEventsJob(federation: () => Promise<ApFederation>, data: ApContextData): PeriodicJob {
	const everyMs = Math.max(100, Number(process.env.ACTIVITYPUB_ANNOUNCE_MS) || 60_000);
	return {
		name: 'activitypub-announce',
		everyMs,
		run: async () => {
			const changes = await listAnnouncementChanges(data.db);
			if (!changes.changed.length && !changes.gone.length) return { created: 0, updated: 0, deleted: 0 };
			const { announceEvents } = await import('./announce.service.ts');
			return announceEvents(await federation(), data, changes);
		}
	};
}
