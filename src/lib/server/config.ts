import { databaseUrlFromEnv } from './db/index.ts';
import { DEFAULT_MAIL_RETENTION_DAYS } from './mail/outbox.service.ts';
import { parseMapTiles, type MapTilesConfig } from './directory/tile-map.ts';
import { StartupError } from './ops/startup-check.ts';

export interface ProConnectConfig {
	issuer: string;
	clientId: string;
	clientSecret: string;
}

/** Everything the instance reads from its environment, parsed once. */
export interface Config {
	port: number;
	publicUrl: string;
	databaseUrl: string;
	smtpUrl: string | null;
	mailFrom: string;
	mailPollMs: number;
	/** Messages sent per minute by each mail worker (SMTP providers cap it); null: no limit. */
	mailRatePerMinute: number | null;
	/** Days a sent (or abandoned) message stays in the outbox before the periodic purge deletes it. */
	mailRetentionDays: number;
	authSecret: string | null;
	signup: 'open' | 'closed';
	proConnect: ProConnectConfig | null;
	/** The instance's own map tile server (`MAP_TILES_URL`, `MAP_TILES_ATTRIBUTION`); null: the directory's map asks nobody. */
	mapTiles: MapTilesConfig | null;
	/** Public pages rendered at once (`PAGE_CONCURRENCY`); null: the database's default (ops/page-queue.ts). */
	pageConcurrency: number | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const port = Number(env.PORT || 3000);
	const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
	const issuer = env.PROCONNECT_ISSUER?.trim();
	const clientId = env.PROCONNECT_CLIENT_ID?.trim();
	const clientSecret = env.PROCONNECT_CLIENT_SECRET?.trim();
	return {
		port,
		publicUrl,
		databaseUrl: databaseUrlFromEnv(env),
		smtpUrl: env.SMTP_URL?.trim() || null,
		mailFrom: env.MAIL_FROM?.trim() || 'Maillage <no-reply@localhost>',
		mailPollMs: Number(env.MAIL_POLL_MS || 2000),
		mailRatePerMinute: mailRate(env.MAIL_RATE_PER_MINUTE),
		mailRetentionDays: mailRetentionDays(env.MAIL_RETENTION_DAYS),
		authSecret: env.BETTER_AUTH_SECRET?.trim() || null,
		signup: env.SIGNUP === 'closed' ? 'closed' : 'open',
		proConnect: issuer && clientId && clientSecret ? { issuer: issuer.replace(/\/+$/, ''), clientId, clientSecret } : null,
		mapTiles: parseMapTiles(env.MAP_TILES_URL, env.MAP_TILES_ATTRIBUTION),
		pageConcurrency: pageConcurrency(env.PAGE_CONCURRENCY)
	};
}

/** `MAIL_RATE_PER_MINUTE`: a positive integer, `0`/`off` for no limit; 600 by default. */
function mailRate(value: string | undefined): number | null {
	const v = value?.trim().toLowerCase();
	if (!v) return 600;
	if (v === 'off' || v === '0') return null;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 0)
		throw new StartupError(
			`MAIL_RATE_PER_MINUTE : « ${value} » n’est pas un nombre entier de messages par minute (ou « off » pour aucune limite)`
		);
	return n;
}

/** `MAIL_RETENTION_DAYS`: a whole number of days, at least 1; 90 by default. */
function mailRetentionDays(value: string | undefined): number {
	const v = value?.trim();
	if (!v) return DEFAULT_MAIL_RETENTION_DAYS;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1)
		throw new StartupError(`MAIL_RETENTION_DAYS : « ${value} » n’est pas un nombre entier de jours (1 ou plus)`);
	return n;
}

/** `PAGE_CONCURRENCY`: a whole number of public pages rendered at once, 1 or more; unset: the database's default. */
function pageConcurrency(value: string | undefined): number | null {
	const v = value?.trim();
	if (!v) return null;
	const n = /^\d+$/.test(v) ? Number(v) : NaN;
	if (!Number.isInteger(n) || n < 1)
		throw new StartupError(`PAGE_CONCURRENCY : « ${value} » n’est pas un nombre entier de pages (1 ou plus)`);
	return n;
}
