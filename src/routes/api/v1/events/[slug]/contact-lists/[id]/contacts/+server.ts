import { json } from '@sveltejs/kit';
import { addContacts, getContactList, importContacts } from '#lib/server/contacts/contact.service.ts';
import { apiHandler, readCsvBody, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { ImportReport } from '#lib/server/contacts/contact.service.ts';
import type { Translate } from '#lib/i18n/index.ts';
import type { RequestHandler } from './$types';

const translated = (report: ImportReport, t: Translate) => ({
	...report,
	refused: report.refused.map((r) => ({ ...r, reason: t(r.reason) }))
});

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await getContactList(serviceContext(locals), requireActor(locals), params.slug, params.id)));

/** JSON `{ contacts: [...] }`, or a CSV file as the body (`text/csv`, columns named in its header). */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const ctx = serviceContext(locals);
		const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		if (type === 'text/csv') {
			const bytes = await readCsvBody(request, locals.t);
			const report = await importContacts(
				ctx,
				actor,
				params.slug,
				params.id,
				{ bytes },
				{ legalBasis: url.searchParams.get('legalBasis') ?? 'professional' }
			);
			return json(translated(report, locals.t));
		}
		return json(translated(await addContacts(ctx, actor, params.slug, params.id, await readJson(request, locals.t)), locals.t));
	});
