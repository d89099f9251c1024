/**
 * The « Proposer une correction » form action of the directory's public pages (a place, a
 * structure) and its API twin (`POST /api/v1/directory/…/{id}/corrections`): anyone may send it,
 * limited per client address in memory, one allowance for the form and the API (a burst of 10,
 * then 2 a minute; `DIRECTORY_SUGGESTION_RATE_LIMIT` = `burst/perMinute` or `off`), the service
 * deciding the rest (suggestion.service.ts).
 */
import { fail, json, type RequestEvent } from '@sveltejs/kit';
import { apiHandler, errorBody, readJson } from '../api/api.ts';
import { appLimiter, rateLimitFromEnv } from '../registrations/rate-limit.ts';
import { safeAddress } from '../registrations/registration.http.ts';
import { formAction, serviceContext } from '../route-helpers.ts';
import { PLACE_CORRECTABLE_FIELDS, STRUCTURE_CORRECTABLE_FIELDS } from './suggestion.schema.ts';
import { suggestCorrection, type SuggestionTarget } from './suggestion.service.ts';

/** Counts one suggestion from `address`: how long to wait when over the limit, else null. */
function suggestionWait(locals: App.Locals, address: string): number | null {
	const limiter = appLimiter(locals.app, 'directory-suggestion', () =>
		rateLimitFromEnv(process.env.DIRECTORY_SUGGESTION_RATE_LIMIT, { burst: 10, perMinute: 2 })
	);
	const taken = limiter?.take(address);
	return !taken || taken.ok ? null : taken.retryAfter;
}

/** The fields a visitor may correct on a place or a structure, for the form's choice. */
export function correctableFields(kind: SuggestionTarget['kind']): readonly string[] {
	return kind === 'place' ? PLACE_CORRECTABLE_FIELDS : STRUCTURE_CORRECTABLE_FIELDS;
}

/** The page's actions: `corriger`, for the record `target` names. */
export function correctionActions(target: (event: RequestEvent) => SuggestionTarget) {
	return {
		corriger: async (event: RequestEvent) => {
			const form = await event.request.formData();
			const text = (name: string) => {
				const v = form.get(name);
				return typeof v === 'string' ? v : '';
			};
			const values = { _form: 'correction', field: text('field'), value: text('value'), note: text('note'), email: text('email') };
			if (suggestionWait(event.locals, safeAddress(event.getClientAddress)) !== null)
				return fail(429, { values, errors: { _: event.locals.t('directory.corrections.rateLimited') } });
			const { _form, ...input } = values;
			const res = await formAction(event.locals, values, () => suggestCorrection(serviceContext(event.locals), target(event), input));
			return res.ok ? { corrected: true as const } : res.failure;
		}
	};
}

/** The API's `POST …/corrections` on the record `target` names: 201 with the suggestion's id, 429 over the limit. */
export function suggestCorrectionApi(event: RequestEvent, target: SuggestionTarget): Promise<Response> {
	const { locals } = event;
	return apiHandler(locals, async () => {
		const input = await readJson(event.request, locals.t);
		const wait = suggestionWait(locals, safeAddress(event.getClientAddress));
		if (wait !== null)
			return json(errorBody([{ field: '_', message: locals.t('directory.corrections.rateLimited') }]), {
				status: 429,
				headers: { 'retry-after': String(wait) }
			});
		return json(await suggestCorrection(serviceContext(locals), target, input), { status: 201 });
	});
}
