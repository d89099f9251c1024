import type { Actor } from '#lib/server/auth/permissions.ts';
import type { Lang, Translate } from '#lib/i18n/index.ts';
import type { AppContext } from '#lib/server/app.ts';

declare global {
	namespace App {
		interface Locals {
			app: AppContext;
			/** The signed-in person (session cookie or API token), or null. */
			actor: Actor;
			user: { id: string; email: string; name: string; isAdmin: boolean } | null;
			/** Set when an Authorization header was sent but did not match an active token. */
			badToken: boolean;
			lang: Lang;
			t: Translate;
			/** The request's id in the logs and the `X-Request-Id` answer header (ops/request-log.ts). */
			requestId: string;
			/** Set by handleError when SQLite was locked by another process: the answer becomes a 503. */
			databaseBusy?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
