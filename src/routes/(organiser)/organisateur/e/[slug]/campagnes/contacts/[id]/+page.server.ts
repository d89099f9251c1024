import { fail } from '@sveltejs/kit';
import { addContact, deleteContact, getContactList, importContacts, previewContactCsv } from '#lib/server/contacts/contact.service.ts';
import { CONTACT_FIELDS, type ColumnMapping } from '#lib/server/contacts/contact-csv.ts';
import { formAction, loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const list = await loadOr404(locals.t, () => getContactList(serviceContext(locals), actor, params.slug, params.id));
	return { list, fields: CONTACT_FIELDS };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const f = await request.formData();
		const values = Object.fromEntries(
			['email', 'firstName', 'lastName', 'structure', 'role', 'territory', 'legalBasis'].map((k) => [k, String(f.get(k) ?? '')])
		);
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			addContact(serviceContext(locals), actor, params.slug, params.id, values)
		);
		if (!res.ok) return res.failure;
		return { added: values.email };
	},
	upload: async ({ request, locals, url }) => {
		requireUser(locals, url);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { values: { _form: 'upload' }, errors: { file: locals.t('contacts.import.noFile') } });
		try {
			const preview = previewContactCsv(new Uint8Array(await file.arrayBuffer()));
			return { preview: { ...preview, name: file.name } };
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { values: { _form: 'upload' }, errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
	},
	import: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const f = await request.formData();
		const mapping: ColumnMapping = {};
		for (const field of CONTACT_FIELDS) {
			const col = String(f.get(`map-${field}`) ?? '');
			if (/^\d+$/.test(col)) mapping[field] = Number(col);
		}
		const text = String(f.get('csv') ?? '');
		const res = await formAction(locals, { _form: 'import' }, () =>
			importContacts(
				serviceContext(locals),
				actor,
				params.slug,
				params.id,
				{ bytes: new TextEncoder().encode(text), name: String(f.get('name') ?? '') },
				{ mapping, legalBasis: String(f.get('legalBasis') ?? '') }
			)
		);
		if (!res.ok) return res.failure;
		const report = { ...res.result, encoding: String(f.get('encoding') ?? res.result.encoding) };
		return { report: { ...report, refused: report.refused.map((r) => ({ ...r, reason: locals.t(r.reason) })) } };
	},
	delete: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('contactId') ?? '');
		const res = await formAction(locals, { _form: 'delete' }, () =>
			deleteContact(serviceContext(locals), actor, params.slug, params.id, id)
		);
		if (!res.ok) return res.failure;
		return { deleted: true };
	}
};
