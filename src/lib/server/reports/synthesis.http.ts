/** The synthesis form's action, shared by the organisers' page and the speaker's private page. */
import { readSynthesisForm, synthesisFieldOf, synthesisFormToInput } from './report.form.ts';
import { ValidationError } from '../validation.ts';
import type { SynthesisView } from './synthesis.service.ts';

/** Reads the form, saves through `save`, and maps the problems back onto the form's fields. */
export async function submitSynthesisForm(form: FormData, save: (input: unknown) => Promise<SynthesisView>) {
	const values = readSynthesisForm(form);
	const { rows, ...input } = synthesisFormToInput(values);
	try {
		await save(input);
		return { values, issues: null };
	} catch (e) {
		if (e instanceof ValidationError)
			return { values, issues: new ValidationError(e.issues.map((i) => ({ ...i, field: synthesisFieldOf(i.field, rows) }))) };
		throw e;
	}
}
