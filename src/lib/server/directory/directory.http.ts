/**
 * The « Proposer une correction » form action of the directory's public pages (a place, a
 * structure): anyone may send it, limited per client address in memory (a burst of 10, then 2 a
 * minute; `DIRECTORY_SUGGESTION_RATE_LIMIT` = `burst/perMinute` or `off`), the service deciding
 * the rest (suggestion.service.ts).
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { appLimiter, rateLimitFromEnv } from '../registrations/rate-limit.ts';
import { safeAddress } from '../registrations/registration.http.ts';
import { formAction, serviceContext } from '../route-helpers.ts';
import { PLACE_CORRECTABLE_FIELDS, STRUCTURE_CORRECTABLE_FIELDS } from './suggestion.schema.ts';
import { suggestCorrection, type SuggestionTarget } from './suggestion.service.ts';

function suggestionAllowed(locals: App.Locals, address: string): boolean {
	const limiter = appLimiter(locals.app, 'directory-suggestion', () =>
		rateLimitFromEnv(process.env.DIRECTORY_SUGGESTION_RATE_LIMIT, { burst: 10, perMinute: 2 })
	);
	return !limiter || limiter.take(address).ok;
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
			if (!suggestionAllowed(event.locals, safeAddress(event.getClientAddress)))
				return fail(429, { values, errors: { _: event.locals.t('directory.corrections.rateLimited') } });
			const { _form, ...input } = values;
			const res = await formAction(event.locals, values, () => suggestCorrection(serviceContext(event.locals), target(event), input));
			return res.ok ? { corrected: true as const } : res.failure;
		}
	};
}
