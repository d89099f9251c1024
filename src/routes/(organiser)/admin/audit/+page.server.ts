import { loadOr404 } from '#lib/server/route-helpers.ts';
import { browseAuditLog } from '#lib/server/audit/audit.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	loadOr404(locals.t, () =>
		browseAuditLog(locals.app.handle.db, locals.actor, {
			action: url.searchParams.get('action'),
			eventId: url.searchParams.get('evenement'),
			page: Number(url.searchParams.get('page') || 1)
		})
	);
