import { weeklyGroupDigestsJob } from './groups/digest.service.ts';
import { createDb, type DbHandle } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadConfig, type Config } from './config.ts';
import { getOrCreateSecret } from './settings.ts';
import { createAuth, type Auth } from './auth/auth.ts';
import { startWebhookWorker } from './webhooks/webhook-worker.ts';
import { startMailWorker } from './mail/mail-worker.ts';
import { startMailRenderer } from './mail/mail-renderer.ts';
import { registrationMailRenderers } from './registrations/registration-confirmation.ts';
import { startPeriodicJobs, type PeriodicJob } from './jobs.ts';
import { weeklyTaskDigestsJob } from './planning/digest.service.ts';
import { registrationJobs } from './registrations/registration.jobs.ts';
import { registrationRushOn } from './registrations/registration-quota.ts';
import { mailWorkerLog, withRunLog } from './ops/job-log.ts';
import { checkDatabaseUrl, checkSmtp, explainDatabaseError, StartupError } from './ops/startup-check.ts';
import { backupJob, backupScheduleFromEnv } from './ops/backup.jobs.ts';
import { followedInstancesJob } from './federation/federation.service.ts';
import { campaignMailRenderers } from './campaigns/campaign-mail.ts';
import { campaignJobs } from './campaigns/campaign.jobs.ts';
import type { ApFederation } from './activitypub/activitypub.ts';
import { announceEventsJob } from './activitypub/announce.jobs.ts';
import { outboxRetentionJob } from './mail/outbox.jobs.ts';

/** What one running instance holds: its database, configuration, auth, and the mail worker. */
export interface AppContext {
	handle: DbHandle;
	config: Config;
	auth: Auth;
	/**
	 * ActivityPub (Fedify), created on first use (an ActivityPub request, a follow, an event to
	 * announce): the hooks hand it its requests; the announce job sends through it.
	 */
	activitypub(): Promise<ApFederation>;
	/** Wakes the mail renderer and worker (after a message is queued); sending is a no-op without SMTP. */
	kickMail(): void;
	close(): Promise<void>;
}

export interface StartOptions {
	config?: Config;
	/** Extra better-auth plugins (the SvelteKit cookie bridge). */
	authPlugins?: unknown[];
	onMagicLink?: (email: string, url: string) => void;
	/** Whether to send mail from this process (the CLI does not). Default: when SMTP_URL is set. */
	mailWorker?: boolean;
	/**
	 * Whether to run the periodic jobs (reminders, weekly digests) and write the messages queued
	 * unwritten (mail-renderer.ts); the web server does, the CLI not.
	 */
	jobs?: boolean;
}

/** Opens the database, brings its schema up to date, and wires auth and mail. */
export async function startApp(options: StartOptions = {}): Promise<AppContext> {
	const config = options.config ?? loadConfig();
	// A wrong DATABASE_URL or an unreachable server ends the start with one French line (StartupError).
	checkDatabaseUrl(config.databaseUrl);
	const backups = options.jobs ? backupSchedule() : null;
	let handle: DbHandle;
	try {
		handle = createDb(config.databaseUrl);
	} catch (error) {
		throw explainDatabaseError(error, config.databaseUrl);
	}
	try {
		await migrateToLatest(handle.db);
	} catch (error) {
		await handle.db.destroy().catch(() => {});
		throw explainDatabaseError(error, config.databaseUrl);
	}
	const sendsMail = (options.mailWorker ?? true) && config.smtpUrl !== null;
	if (sendsMail && options.jobs) {
		try {
			await checkSmtp(config.smtpUrl!);
		} catch (error) {
			await handle.db.destroy();
			throw error;
		}
	}
	const secret = await getOrCreateSecret(handle.db, config.authSecret);
	const auth = createAuth({ handle, config, secret, plugins: options.authPlugins, onMagicLink: options.onMagicLink });
	const worker =
		sendsMail && config.smtpUrl
			? startMailWorker(handle, {
					smtpUrl: config.smtpUrl,
					from: config.mailFrom,
					pollMs: config.mailPollMs,
					ratePerMinute: config.mailRatePerMinute,
					...mailWorkerLog
				})
			: null;
	// With or without SMTP: the outbox screen (and the tests) read the written messages.
	// Confirmations are written after the rush that queued them (registrationRushOn).
	const renderer = options.jobs
		? startMailRenderer(
				handle.db,
				{ ...registrationMailRenderers(config.publicUrl), ...campaignMailRenderers(config.publicUrl) },
				{
					pollMs: config.mailPollMs,
					hold: { while: registrationRushOn },
					onRendered: () => worker?.kick()
				}
			)
		: null;
	const ctx = { db: handle.db, publicUrl: config.publicUrl };
	// Fedify and its dependencies hold some 60 MB: loaded when ActivityPub is first needed.
	let federation: Promise<ApFederation> | null = null;
	const activitypub = () =>
		(federation ??= import('./activitypub/activitypub.ts').then(({ createActivityPub }) => createActivityPub(handle.db, config.publicUrl)));
	const jobs: PeriodicJob[] = [
		announceEventsJob(activitypub, ctx),
		weeklyTaskDigestsJob(ctx, { onSent: () => worker?.kick() }),
		weeklyGroupDigestsJob(ctx, { onSent: () => worker?.kick() }),
		...registrationJobs(handle, config.publicUrl, () => worker?.kick()),
		followedInstancesJob(ctx),
		...campaignJobs(handle.db, () => renderer?.kick()),
		outboxRetentionJob(handle.db, config.mailRetentionDays)
	];
	// Each run is logged by withRunLog, failures included.
	if (backups) jobs.push(backupJob(handle.url, backups));
	const runner = options.jobs ? startPeriodicJobs(jobs.map(withRunLog), () => {}) : null;
	// Webhook deliveries are queued in the changes' own transactions; the web server sends them.
	const webhooks = options.jobs ? startWebhookWorker(handle, { pollMs: config.mailPollMs }) : null;
	return {
		handle,
		config,
		auth,
		activitypub,
		kickMail: () => {
			renderer?.kick();
			worker?.kick();
		},
		async close() {
			await runner?.stop();
			await webhooks?.stop();
			await renderer?.stop();
			await worker?.stop();
			await handle.db.destroy();
		}
	};
}

function backupSchedule() {
	try {
		return backupScheduleFromEnv();
	} catch (error) {
		throw new StartupError((error as Error).message);
	}
}
