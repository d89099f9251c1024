import { json } from '@sveltejs/kit';
import { buildOpenApi } from '#lib/server/api/openapi.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => json(buildOpenApi(locals.app.config.publicUrl));
