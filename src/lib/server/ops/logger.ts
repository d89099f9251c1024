/**
 * The process's structured log: one JSON line per event (pino), on standard output. `LOG_LEVEL`
 * chooses how much (info by default), `LOG_FORMAT=pretty` writes coloured lines for a person at a
 * terminal instead. Nothing personal goes in: ids, route ids, kinds, durations; never an e-mail
 * address or a name (`redactAddresses` cleans error messages that may quote one).
 */
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads LOG_LEVEL and LOG_FORMAT; throws a French sentence on a value it does not know. */
export function logOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { level: string; pretty: boolean } {
	const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
	if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL : niveau inconnu « ${env.LOG_LEVEL} » (attendu : ${LEVELS.join(', ')})`);
	const format = env.LOG_FORMAT?.trim().toLowerCase() || 'json';
	if (format !== 'json' && format !== 'pretty') throw new Error(`LOG_FORMAT : « ${env.LOG_FORMAT} » inconnu (attendu : json ou pretty)`);
	return { level, pretty: format === 'pretty' };
}

/** A logger writing to `destination` (standard output by default), as the environment asks. */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
	const { level, pretty } = logOptionsFromEnv(env);
	const options: pino.LoggerOptions = {
		level,
		base: { pid: process.pid },
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label) => ({ level: label }) }
	};
	if (destination) return pino(options, destination);
	// pino-pretty is loaded only when asked for: most instances never need it.
	if (pretty)
		return pino(
			options,
			createRequire(import.meta.url)('pino-pretty')({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss' })
		);
	return pino(options);
}

let shared: Logger | null = null;

/** The process's logger, made on first use from the environment. */
export function getLogger(): Logger {
	shared ??= createLogger();
	return shared;
}

const ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;

/** The text with every e-mail address replaced: SMTP errors often quote the recipient. */
export function redactAddresses(text: string): string {
	return text.replace(ADDRESS, '[adresse]');
}

/** An error as a log field: its class, its message without addresses, and for a bug its stack. */
export function errorFields(error: unknown): { type: string; message: string; code?: string } {
	if (!(error instanceof Error)) return { type: typeof error, message: redactAddresses(String(error)) };
	const code = (error as { code?: unknown }).code;
	return { type: error.name, message: redactAddresses(error.message), ...(typeof code === 'string' ? { code } : {}) };
}
