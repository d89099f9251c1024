import { suggestCorrectionApi } from '#lib/server/directory/directory.http.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => suggestCorrectionApi(event, { kind: 'structure', id: event.params.id });
