import { eventsTableSchema, LICENCE_NAME, LICENCE_URL } from '#lib/server/national/open-data.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	licence: { name: LICENCE_NAME, url: LICENCE_URL },
	fields: eventsTableSchema(serviceContext(locals)).fields
});
