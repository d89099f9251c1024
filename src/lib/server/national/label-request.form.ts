/** Form adapters of the label pages: FormData → service input, and the values kept as typed. */
import { LABEL_SUPPORTS } from './label-request.schema.ts';
import { readVersion } from '../edit-version.ts';

export function labelRequestFromForm(form: FormData) {
	const audience = String(form.get('expectedAudience') ?? '').trim();
	const values = {
		expectedAudience: audience,
		requestedSupport: form.getAll('requestedSupport').map(String),
		message: String(form.get('message') ?? ''),
		/** The request's version when the form was loaded; "0" when there was none yet. */
		version: String(form.get('version') ?? '')
	};
	const input = {
		expectedAudience: audience === '' ? null : audience,
		requestedSupport: values.requestedSupport.filter((s) => (LABEL_SUPPORTS as readonly string[]).includes(s)),
		message: values.message
	};
	const version = values.version === '0' ? 0 : readVersion(values.version);
	return { values, input, version };
}

export function decisionFromForm(form: FormData) {
	const values = { decision: String(form.get('decision') ?? ''), message: String(form.get('message') ?? '') };
	return { values, input: values };
}
