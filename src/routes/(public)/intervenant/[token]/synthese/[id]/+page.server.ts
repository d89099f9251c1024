import { error, fail } from '@sveltejs/kit';
import { serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { getSpeakerSyntheses, saveSynthesisAsSpeaker } from '#lib/server/reports/synthesis.service.ts';
import { synthesisFormOf } from '#lib/server/reports/report.form.ts';
import { submitSynthesisForm } from '#lib/server/reports/synthesis.http.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

const DEFAULTS = ['Prérequis', 'Moyens', 'Actions'];

/** A speaker writes the synthesis of one of their sessions from their private link (no account). */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'same-origin' });
	try {
		const { invitation, syntheses } = await getSpeakerSyntheses(serviceContext(locals), params.token);
		const mine = syntheses.find((s) => s.id === params.id);
		if (!mine) error(404, locals.t('errors.notFound'));
		return {
			eventTitle: invitation.event.title,
			title: mine.title,
			token: params.token,
			values: synthesisFormOf(mine.synthesis, DEFAULTS)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, locals.t('programme.errors.inviteExpired'));
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		try {
			const out = await submitSynthesisForm(await request.formData(), (input) =>
				saveSynthesisAsSpeaker(serviceContext(locals), params.token, params.id, input)
			);
			if (out.issues) return fail(400, { values: out.values, errors: translateIssues(out.issues.issues, locals.t) });
			return { saved: true };
		} catch (e) {
			if (e instanceof NotFoundError) error(404, locals.t('programme.errors.inviteExpired'));
			throw e;
		}
	}
};
