import { readOutboxMail, retryOutboxMail } from '#lib/server/admin/outbox-admin.service.ts';
import { loadOr404 } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const mail = await loadOr404(locals.t, () =>
		readOutboxMail(locals.app.handle.db, locals.actor, params.id, { sendsMail: locals.app.config.smtpUrl !== null })
	);
	// Attachments are listed, not sent to the page.
	return {
		mail: {
			...mail,
			attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.content.length }))
		}
	};
};

export const actions: Actions = {
	retry: async ({ locals, params }) => {
		await loadOr404(locals.t, () => retryOutboxMail(locals.app.handle.db, locals.actor, params.id));
		locals.app.kickMail();
		return { retried: true };
	}
};
