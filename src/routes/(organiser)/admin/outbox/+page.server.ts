import { browseOutbox } from '#lib/server/admin/outbox-admin.service.ts';
import { loadOr404 } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await loadOr404(locals.t, () =>
		browseOutbox(locals.app.handle.db, locals.actor, {
			status: url.searchParams.get('etat'),
			page: Number(url.searchParams.get('page') || 1),
			sendsMail: locals.app.config.smtpUrl !== null
		})
	)),
	retentionDays: locals.app.config.mailRetentionDays
});
