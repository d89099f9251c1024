import { requireUser } from '#lib/server/route-helpers.ts';
import type { LayoutServerLoad } from './$types';

// Everything under (organiser) is for signed-in people; the services check each event's roles.
export const load: LayoutServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return {};
};
