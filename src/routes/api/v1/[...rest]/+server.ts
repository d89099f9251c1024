import { json } from '@sveltejs/kit';
import { errorBody } from '#lib/server/api/api.ts';
import type { RequestHandler } from './$types';

// Any /api/v1 address no endpoint serves, whatever the method: the API's JSON error body rather
// than the HTML error page, so that a client reads one shape of error everywhere.
export const fallback: RequestHandler = ({ locals }) =>
	json(errorBody([{ field: '_', message: locals.t('interop.api.unknownRoute') }]), { status: 404 });
