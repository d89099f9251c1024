import { json } from '@sveltejs/kit';
import { getLiveness } from '#lib/server/ops/health.service.ts';
import type { RequestHandler } from './$types';

/** Liveness, for a supervisor: the process answers. Touches no database; never cached. */
export const GET: RequestHandler = () => json(getLiveness(), { headers: { 'cache-control': 'no-store' } });
