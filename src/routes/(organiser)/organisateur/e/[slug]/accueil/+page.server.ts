import { fail } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { checkIn, getCheckinDesk, undoCheckIn } from '#lib/server/checkin/checkin.service.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import { formatTime } from '#lib/time.ts';
import type { Actions, PageServerLoad } from './$types';

// The QR scanner is an enhancement (the camera, read by BarcodeDetector or else by jsQR);
// the search works without any script.
export const csr = true;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const q = url.searchParams.get('q') ?? '';
	const code = url.searchParams.get('code') ?? '';
	const desk = await loadOr404(locals.t, () =>
		getCheckinDesk(serviceContext(locals), actor, params.slug, { q, code, halfDay: url.searchParams.get('demi-journee') })
	);
	return {
		desk: { ...desk, halfDays: desk.halfDays.map((h) => ({ key: h.key, label: halfDayLabel(h.key, locals.lang) })) },
		q,
		code,
		searched: q.trim().length >= 2 || code !== ''
	};
};

export const actions: Actions = {
	arriver: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		try {
			const r = await loadOr404(locals.t, () =>
				checkIn(
					serviceContext(locals),
					actor,
					params.slug,
					String(form.get('registrationId') ?? ''),
					String(form.get('halfDay') ?? ''),
					form.get('via') === 'qr' ? 'qr' : 'search'
				)
			);
			const time = formatTime(r.at, locals.lang);
			return {
				done: locals.t(r.already ? 'checkin.already' : 'checkin.done', { name: r.name, time }),
				warning: r.waitlisted ? locals.t('checkin.waitlisted') : r.offDay ? locals.t('checkin.offDayDone') : null
			};
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
	},
	annuler: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const undone = await loadOr404(locals.t, () =>
			undoCheckIn(serviceContext(locals), actor, params.slug, String(form.get('registrationId') ?? ''), String(form.get('halfDay') ?? ''))
		);
		return { done: locals.t(undone ? 'checkin.undone' : 'checkin.nothingToUndo'), warning: null };
	}
};
