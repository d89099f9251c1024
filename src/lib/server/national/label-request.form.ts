/** Form adapters of the label pages: FormData → service input, and the values kept as typed. */
import { LABEL_SUPPORTS } from './label-request.schema.ts';

export function labelRequestFromForm(form: FormData) {
	const audience = String(form.get('expectedAudience') ?? '').trim();
	const values = {
		expectedAudience: audience,
		requestedSupport: form.getAll('requestedSupport').map(String),
		message: String(form.get('message') ?? '')
	};
	const input = {
		expectedAudience: audience === '' ? null : audience,
		requestedSupport: values.requestedSupport.filter((s) => (LABEL_SUPPORTS as readonly string[]).includes(s)),
		message: values.message
	};
	return { values, input };
}

export function decisionFromForm(form: FormData) {
	const values = { decision: String(form.get('decision') ?? ''), message: String(form.get('message') ?? '') };
	return { values, input: values };
}
