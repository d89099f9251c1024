import { suggestCorrectionApi } from '#lib/server/directory/directory.http.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => suggestCorrectionApi(event, { kind: 'place', id: event.params.id });
