import { error, fail } from '@sveltejs/kit';
import { serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { getSpeakerSyntheses, saveSynthesisAsSpeaker } from '#lib/server/reports/synthesis.service.ts';
import { readSynthesisForm, synthesisFormOf } from '#lib/server/reports/report.form.ts';
import { submitSynthesisForm } from '#lib/server/reports/synthesis.http.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import { StaleVersionError } from '#lib/server/edit-version.ts';
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
		const form = await request.formData();
		try {
			const out = await submitSynthesisForm(form, (input, version) =>
				saveSynthesisAsSpeaker(serviceContext(locals), params.token, params.id, input, version)
			);
			if (out.issues) return fail(400, { values: out.values, errors: translateIssues(out.issues.issues, locals.t) });
			return { saved: true };
		} catch (e) {
			// The organisers (or another speaker) saved since this page was loaded: 409, typed text kept.
			if (e instanceof StaleVersionError) return staleFailure(locals.t, readSynthesisForm(form), e.current);
			if (e instanceof NotFoundError) error(404, locals.t('programme.errors.inviteExpired'));
			throw e;
		}
	}
};
