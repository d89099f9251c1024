import { error, fail } from '@sveltejs/kit';
import { answerSpeakerInvitation, getSpeakerInvitation } from '#lib/server/programme/speaker.service.ts';
import { getSpeakerFeedback } from '#lib/server/surveys/speaker-feedback.service.ts';
import { readMultipart, uploadOf } from '#lib/server/programme/programme.http.ts';
import { serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { readVersion, StaleVersionError } from '#lib/server/edit-version.ts';
import { NotFoundError, ValidationError } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

/** The speaker's private page: the link in their invitation is their only key (no account). */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	// The token is in the address: never send it to another site (same-origin still sends the Origin
	// header that SvelteKit's CSRF check needs on the form post).
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' });
	try {
		return {
			invitation: await getSpeakerInvitation(serviceContext(locals), params.token),
			feedback: await getSpeakerFeedback(serviceContext(locals), params.token),
			saved: url.searchParams.get('ok'),
			token: params.token
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, locals.t('programme.errors.inviteExpired'));
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		let form: FormData;
		try {
			form = await readMultipart(request, 'portrait');
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
		const values = {
			name: String(form.get('name') ?? ''),
			organisation: String(form.get('organisation') ?? ''),
			roleTitle: String(form.get('roleTitle') ?? ''),
			bio: String(form.get('bio') ?? ''),
			portraitAlt: String(form.get('portraitAlt') ?? ''),
			status: form.get('status') ? String(form.get('status')) : undefined
		};
		try {
			const invitation = await answerSpeakerInvitation(
				serviceContext(locals),
				params.token,
				values,
				await uploadOf(form, 'portrait'),
				readVersion(form.get('version'))
			);
			locals.app.kickMail();
			return { answered: invitation.speaker.status };
		} catch (e) {
			// The team changed the speaker since the page was loaded: 409, what was typed kept, the saved values listed.
			if (e instanceof StaleVersionError) return staleFailure(locals.t, { ...values, version: '' }, e.current);
			if (e instanceof ValidationError) return fail(400, { values, errors: translateIssues(e.issues, locals.t) });
			if (e instanceof NotFoundError) error(404, locals.t('programme.errors.inviteExpired'));
			throw e;
		}
	}
};
