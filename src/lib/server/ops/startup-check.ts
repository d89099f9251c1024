/**
 * What stops the app at start, said in one French line that names what to fix: a `DATABASE_URL`
 * the app cannot read, a PostgreSQL server that does not answer or refuses, an SMTP server that
 * does not answer. bin/serve.js and the CLI print the message alone (no stack) and exit with 1.
 */
import { createTransportFromUrl } from '../mail/mail-worker.ts';

export class StartupError extends Error {
	override name = 'StartupError';
}

/** The URL with its password hidden, for a message. */
function withoutPassword(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return url;
	}
}

/** Refuses a DATABASE_URL that is neither PostgreSQL nor an SQLite file, before anything is created. */
export function checkDatabaseUrl(url: string): void {
	if (/^postgres(ql)?:\/\//.test(url)) {
		try {
			new URL(url);
		} catch {
			throw new StartupError(
				`DATABASE_URL : « ${withoutPassword(url)} » n’est pas une URL PostgreSQL lisible (attendu postgres://utilisateur:motdepasse@hôte:5432/base)`
			);
		}
		return;
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
		throw new StartupError(
			`DATABASE_URL : « ${withoutPassword(url)} » n’est pas reconnue (attendu postgres://… pour PostgreSQL ou file:CHEMIN pour SQLite)`
		);
}

const code = (error: unknown) => String((error as { code?: unknown })?.code ?? '');

/** The error met while opening or migrating the database, as a French line saying what to do. */
export function explainDatabaseError(error: unknown, url: string): StartupError {
	if (error instanceof StartupError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (!/^postgres(ql)?:\/\//.test(url)) {
		const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
		return new StartupError(
			`DATABASE_URL : impossible d’ouvrir la base SQLite « ${path} » (${code(error) || message}) ; vérifiez le chemin et les droits du dossier`
		);
	}
	const target = (() => {
		try {
			const u = new URL(url);
			return { host: `${u.hostname}:${u.port || 5432}`, user: decodeURIComponent(u.username), database: u.pathname.slice(1) };
		} catch {
			return { host: '?', user: '?', database: '?' };
		}
	})();
	switch (code(error)) {
		case 'ECONNREFUSED':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
			return new StartupError(
				`PostgreSQL ne répond pas à ${target.host} (${code(error)}) : démarrez le serveur ou corrigez l’hôte de DATABASE_URL`
			);
		case '3D000':
			return new StartupError(
				`PostgreSQL : la base « ${target.database} » n’existe pas sur ${target.host} : créez-la (createdb ${target.database}) ou corrigez DATABASE_URL`
			);
		case '28P01':
		case '28000':
			return new StartupError(
				`PostgreSQL refuse l’utilisateur « ${target.user} » sur ${target.host} : corrigez l’utilisateur ou le mot de passe de DATABASE_URL`
			);
	}
	if (/timeout/i.test(message))
		return new StartupError(`PostgreSQL ne répond pas à ${target.host} (délai dépassé) : vérifiez DATABASE_URL et le réseau`);
	return new StartupError(`la base de données n’a pas pu être ouverte ni mise à jour : ${message.split('\n')[0]}`);
}

/**
 * Opens and closes a connection to the SMTP server of `smtpUrl` (`timeoutMs` at most), so that a
 * wrong host or port is found at start rather than in the outbox's error column hours later.
 */
export async function checkSmtp(smtpUrl: string, timeoutMs = 5_000): Promise<void> {
	let transport;
	try {
		transport = await createTransportFromUrl(smtpUrl);
	} catch (error) {
		throw new StartupError(`SMTP_URL illisible : ${error instanceof Error ? error.message : String(error)}`);
	}
	const options = transport.options as { host?: string; port?: number; connectionTimeout?: number; greetingTimeout?: number };
	options.connectionTimeout = timeoutMs;
	options.greetingTimeout = timeoutMs;
	try {
		await transport.verify();
	} catch (error) {
		const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new StartupError(
			`le serveur SMTP ${options.host}:${options.port} ne répond pas ou refuse la connexion (${why}) : corrigez SMTP_URL ou démarrez-le`
		);
	} finally {
		transport.close();
	}
}
