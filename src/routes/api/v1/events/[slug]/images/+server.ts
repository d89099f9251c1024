import { json } from '@sveltejs/kit';
import { addEventImage, listEventImages } from '#lib/server/programme/event-image.service.ts';
import { readRawUpload } from '#lib/server/programme/programme.http.ts';
import { apiHandler, optionalActor, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The banner and logos of the event page (public once the event is published). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listEventImages(serviceContext(locals), optionalActor(locals), params.slug)));

/** The image is the body (`Content-Type: image/png`…); `kind`, `name`, `link`, `alt` in the query, as the settings form has them. */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const q = (k: string) => url.searchParams.get(k) ?? undefined;
		const input = { kind: q('kind'), name: q('name'), link: q('link'), alt: q('alt') };
		const upload = await readRawUpload(request, 'image', 'image');
		return json(await addEventImage(serviceContext(locals), actor, params.slug, input, upload), { status: 201 });
	});
