/** What the web process logs at start and does at shutdown (bin/serve.js emits `sveltekit:shutdown`). */
import type { AppContext } from '../app.ts';
import { errorFields, getLogger } from './logger.ts';

/** One line once the database is ready, with the time since the process started. */
export function logAppStarted(app: AppContext): void {
	getLogger().info(
		{ dialect: app.handle.dialect, publicUrl: app.config.publicUrl, startedInMs: Math.round(process.uptime() * 1000) },
		'Maillage ready'
	);
}

/**
 * Once the server has stopped accepting and answered the requests in flight: stops the jobs, lets
 * the e-mail being written or sent finish, closes the database. The process then ends by itself.
 */
export function stopAppOnShutdown(app: AppContext): void {
	process.once('sveltekit:shutdown', (reason: unknown) => {
		const log = getLogger();
		log.info({ reason }, 'stopping: jobs, outbox, database');
		app.close().then(
			() => log.info('stopped'),
			(error: unknown) => {
				log.error({ err: errorFields(error) }, 'stopped with an error');
				process.exitCode = 1;
			}
		);
	});
}
