import { error, fail, redirect } from '@sveltejs/kit';
import type { ServiceContext } from './events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from './validation.ts';
import { StaleVersionError } from './edit-version.ts';
import type { Translate } from '../i18n/index.ts';

/** What every service needs from a request. */
export function serviceContext(locals: App.Locals): ServiceContext {
	return { db: locals.app.handle.db, publicUrl: locals.app.config.publicUrl };
}

/** Field issues as `{ field: message }` in the person's language (the first problem of each field). */
export function translateIssues(issues: FieldIssue[], t: Translate): Record<string, string> {
	const out: Record<string, string> = {};
	for (const i of issues) if (!(i.field in out)) out[i.field] = t(i.message, i.params);
	return out;
}

/**
 * Runs a form action's service call: a ValidationError or ConflictError becomes `fail(400)` with
 * the translated errors and what the person typed; NotFound/Forbidden become error pages.
 */
export async function formAction<T>(locals: App.Locals, values: Record<string, unknown>, run: () => Promise<T>) {
	try {
		return { ok: true as const, result: await run() };
	} catch (e) {
		if (e instanceof StaleVersionError) return { ok: false as const, failure: staleFailure(locals.t, values, e.current) };
		if (e instanceof ValidationError || e instanceof ConflictError) {
			return { ok: false as const, failure: fail(400, { values, errors: translateIssues(e.issues, locals.t) }) };
		}
		throw pageError(e, locals.t);
	}
}

/** Runs `run`, giving the fields of a ValidationError it throws the form's names (`rename`). */
export async function withFieldNames<T>(run: () => Promise<T>, rename: (field: string) => string): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, field: rename(i.field) })));
		throw e;
	}
}

/**
 * A save refused because someone saved since the form was loaded: 409, the message at the top,
 * what the person typed kept, and the version stored now in place of theirs, so that saving again
 * (once the changes are seen: the page shows the saved values beside the typed ones) is deliberate.
 */
export function staleFailure<V extends object>(t: Translate, values: V, current: number | null) {
	const next = current === null || !('version' in values) ? values : { ...values, version: String(current) };
	return fail(409, { values: next, errors: { _: t('security.stale') } as Record<string, string>, stale: true as const });
}

/** Turns a domain error into SvelteKit's error page; anything else is rethrown. */
export function pageError(e: unknown, t: Translate): unknown {
	if (e instanceof NotFoundError) return error(404, t('errors.notFound'));
	if (e instanceof ForbiddenError) return error(403, t('errors.forbidden'));
	// A link's query string (a CSV export's separator) that no screen offers.
	if (e instanceof ValidationError) return error(400, t(e.issues[0].message, e.issues[0].params));
	return e;
}

/** Calls a read service for a page, mapping NotFound/Forbidden to error pages. */
export async function loadOr404<T>(t: Translate, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		throw pageError(e, t);
	}
}

/** The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): NonNullable<App.Locals['actor']> {
	if (!locals.actor) redirect(303, `/connexion?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.actor;
}

/** A local path to go back to after an action, never another site. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
