import { openDataResponse } from '#lib/server/national/open-data.http.ts';
import type { RequestHandler } from './$types';

/** Open data (Licence Ouverte 2.0), documented at /donnees. */
export const GET: RequestHandler = ({ locals, request, url }) => openDataResponse(locals, request, url, 'figures.csv');
