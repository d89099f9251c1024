import { json } from '@sveltejs/kit';
import { addResourceFile, addResourceLink } from '#lib/server/programme/session.service.ts';
import { readMultipart, uploadOf } from '#lib/server/programme/programme.http.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

/** A link as JSON (`{kind, title, url}`), or a document as multipart/form-data (`file`, `title`). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const ctx = serviceContext(locals);
		let resource;
		if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
			const form = await readMultipart(request, 'file');
			const upload = await uploadOf(form, 'file');
			if (!upload) throw new ValidationError([{ field: 'file', message: 'programme.errors.fileRequired' }]);
			resource = await addResourceFile(ctx, actor, params.slug, params.id, { title: String(form.get('title') ?? ''), upload });
		} else {
			resource = await addResourceLink(ctx, actor, params.slug, params.id, await readJson(request, locals.t));
		}
		return json(resource, { status: 201 });
	});
