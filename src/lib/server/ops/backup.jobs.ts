/** The periodic backup, when the operator sets BACKUP_DIR (see backup.service.ts's backupToDir). */
import type { PeriodicJob } from '../jobs.ts';
import { backupToDir } from './backup.service.ts';

export interface BackupSchedule {
	dir: string;
	keep: number;
	everyMs: number;
}

/** BACKUP_DIR, BACKUP_KEEP (7 copies) and BACKUP_EVERY_HOURS (24); null without BACKUP_DIR. */
export function backupScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): BackupSchedule | null {
	const dir = env.BACKUP_DIR?.trim();
	if (!dir) return null;
	const keep = Number(env.BACKUP_KEEP || 7);
	const hours = Number(env.BACKUP_EVERY_HOURS || 24);
	if (!Number.isInteger(keep) || keep < 1)
		throw new Error(`BACKUP_KEEP : un nombre entier de copies est attendu (reçu « ${env.BACKUP_KEEP} »)`);
	if (!Number.isFinite(hours) || hours <= 0)
		throw new Error(`BACKUP_EVERY_HOURS : un nombre d’heures est attendu (reçu « ${env.BACKUP_EVERY_HOURS} »)`);
	return { dir, keep, everyMs: hours * 3600_000 };
}

/** Looks every 10 minutes (at most the schedule) whether a backup is due; writes one when it is. */
export function backupJob(databaseUrl: string, schedule: BackupSchedule): PeriodicJob {
	return {
		name: 'backup',
		everyMs: Math.min(10 * 60_000, schedule.everyMs),
		run: (now) => backupToDir(databaseUrl, schedule.dir, { keep: schedule.keep, everyMs: schedule.everyMs, now })
	};
}
