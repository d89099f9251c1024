import { fail, redirect } from '@sveltejs/kit';
import { getTeamProgramme, updateProgrammeSettings } from '#lib/server/programme/programme.service.ts';
import { nudgeSession, updateSession, NUDGES, type Nudge } from '#lib/server/programme/session.service.ts';
import { readMoveForm, sessionFieldOf, sessionToFormValues, submitForm } from '#lib/server/programme/programme.form.ts';
import { formAction, loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const programme = await loadOr404(locals.t, () => getTeamProgramme(serviceContext(locals), actor, params.slug, locals.lang));
	const selectedId = url.searchParams.get('s');
	const selected = programme.sessions.find((s) => s.id === selectedId) ?? null;
	return {
		programme,
		selected: selected ? { session: selected, values: sessionToFormValues(selected) } : null,
		done: url.searchParams.get('ok')
	};
};

/** Back to the grid with the session selected (and focused again after a keyboard shortcut). */
function back(slug: string, sessionId: string, form: FormData): never {
	const focus = form.get('return') === 'card';
	redirect(
		303,
		`/organisateur/e/${slug}/programme?s=${sessionId}&ok=moved${focus ? `&focus=${sessionId}#session-${sessionId}` : '#panneau'}`
	);
}

export const actions: Actions = {
	nudge: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const sessionId = String(form.get('sessionId') ?? '');
		const nudge = String(form.get('nudge') ?? '') as Nudge;
		if (!NUDGES.includes(nudge)) return fail(400, { sessionId, errors: { _: locals.t('errors.invalidChoice') } });
		const res = await formAction(locals, {}, () => nudgeSession(serviceContext(locals), actor, params.slug, sessionId, nudge, locals.lang));
		if (!res.ok) {
			// The refused move (out of the event…) is explained in the panel; nothing changed.
			const data = res.failure.data as { errors: Record<string, string> };
			return fail(400, { sessionId, errors: { _: Object.values(data.errors).join(' ') } });
		}
		back(params.slug, sessionId, form);
	},
	move: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const sessionId = String(form.get('sessionId') ?? '');
		const { values, input, issues } = readMoveForm(form);
		const version = readVersion(form.get('version'));
		const res = await loadOr404(locals.t, () =>
			submitForm(issues, sessionFieldOf, () =>
				updateSession(serviceContext(locals), actor, params.slug, sessionId, input, locals.lang, version)
			)
		);
		// Moved or edited by someone else since the grid was loaded: nothing moved, the grid shows where it is now.
		if (!res.ok && res.stale !== undefined)
			return fail(409, { sessionId, values, errors: { _: locals.t('security.stale') } as Record<string, string>, stale: true as const });
		if (!res.ok) return fail(400, { sessionId, values, errors: translateIssues(res.issues, locals.t) });
		back(params.slug, sessionId, form);
	},
	settings: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const raw = String(form.get('minBreakMinutes') ?? '').trim();
		const values = { minBreakMinutes: raw, version: String(form.get('version') ?? '') };
		const res = await formAction(locals, values, () =>
			updateProgrammeSettings(
				serviceContext(locals),
				actor,
				params.slug,
				{ minBreakMinutes: /^\d+$/.test(raw) ? Number(raw) : raw === '' ? undefined : raw },
				readVersion(values.version)
			)
		);
		if (!res.ok) return res.failure;
		return { settingsSaved: true };
	}
};
