import { redirect } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { getReportEditor, setReportPublished, updateReportSettings, updateReview } from '#lib/server/reports/report.service.ts';
import { presentReport } from '#lib/server/reports/report.present.ts';
import { withCharts } from '#lib/server/reports/report.charts.ts';
import { findNextEditionRow } from '#lib/server/reports/report.queries.ts';
import { updateSignatory } from '#lib/server/reports/certificate.service.ts';
import { prepareNextEdition } from '#lib/server/reports/next-edition.service.ts';
import {
	readReviewForm,
	readSettingsForm,
	reviewFieldOf,
	reviewFormOf,
	reviewFormToInput,
	settingsFormOf,
	settingsFormToInput
} from '#lib/server/reports/report.form.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { readVersionOrNew } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const editor = await loadOr404(locals.t, () => getReportEditor(ctx, actor, params.slug, locals.lang));
	const sections = withCharts(
		presentReport(editor.report, { lang: locals.lang, showPerSession: editor.choices.showPerSession, onlyShown: false }),
		(title) => locals.t('reports.edit.chart', { title })
	);
	const next = await findNextEditionRow(ctx.db, editor.event.id);
	return {
		role: editor.role,
		sections,
		hidden: editor.choices.hiddenSections,
		published: editor.choices.published,
		review: reviewFormOf(editor.choices.review),
		settings: settingsFormOf(editor.choices, editor.answers),
		answers: editor.answers,
		sessions: editor.report.programme.items.map((s) => ({ id: s.id, title: s.title, hasSynthesis: s.synthesis.length > 0 })),
		attended: editor.report.participation.attended,
		nextEdition: next ? { slug: next.slug, title: next.title } : null,
		origin: locals.app.config.publicUrl,
		version: String(editor.choices.version)
	};
};

export const actions: Actions = {
	review: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { ...readReviewForm(form), version: String(form.get('version') ?? '') };
		const res = await formAction(locals, { ...values, _form: 'review' }, async () => {
			try {
				return await updateReview(serviceContext(locals), actor, params.slug, reviewFormToInput(values), readVersionOrNew(values.version));
			} catch (e) {
				if (e instanceof ValidationError) throw new ValidationError(e.issues.map((i) => ({ ...i, field: reviewFieldOf(i.field) })));
				throw e;
			}
		});
		if (!res.ok) return res.failure;
		return { saved: 'review' };
	},
	settings: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { ...readSettingsForm(form), version: String(form.get('version') ?? '') };
		const res = await formAction(locals, { ...values, _form: 'settings' }, async () => {
			try {
				return await updateReportSettings(
					serviceContext(locals),
					actor,
					params.slug,
					settingsFormToInput(values),
					readVersionOrNew(values.version)
				);
			} catch (e) {
				// `texts.framing` → the framing text's field; `verbatims.3` → the quotes' field.
				if (e instanceof ValidationError)
					throw new ValidationError(
						e.issues.map((i) => ({ ...i, field: i.field.startsWith('texts.') ? `text-${i.field.slice(6)}` : i.field.split('.')[0] }))
					);
				throw e;
			}
		});
		if (!res.ok) return res.failure;
		return { saved: 'settings' };
	},
	publish: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const published = (await request.formData()).get('published') === 'true';
		const res = await formAction(locals, { _form: 'publish' }, () =>
			setReportPublished(serviceContext(locals), actor, params.slug, { published })
		);
		if (!res.ok) return res.failure;
		return { saved: 'publish' };
	},
	signatory: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const signatory = String(form.get('signatory') ?? '');
		const file = form.get('signature');
		const image = file instanceof File && file.size > 0 ? { bytes: Buffer.from(await file.arrayBuffer()), filename: file.name } : null;
		const res = await formAction(locals, { signatory, _form: 'signatory' }, () =>
			updateSignatory(serviceContext(locals), actor, params.slug, signatory, image)
		);
		if (!res.ok) return res.failure;
		return { saved: 'signatory' };
	},
	nextEdition: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'next' }, () => prepareNextEdition(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${res.result.slug}/preparation`);
	}
};
