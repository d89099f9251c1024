/** The synthesis form's action, shared by the organisers' page and the speaker's private page. */
import { readSynthesisForm, synthesisFieldOf, synthesisFormToInput } from './report.form.ts';
import { ValidationError } from '../validation.ts';
import { readVersionOrNew, type ExpectedVersion } from '../edit-version.ts';
import type { SynthesisView } from './synthesis.service.ts';

/**
 * Reads the form, saves through `save` at the version the form was loaded from, and maps the
 * problems back onto the form's fields; a StaleVersionError goes up (the page answers 409).
 */
export async function submitSynthesisForm(form: FormData, save: (input: unknown, version: ExpectedVersion) => Promise<SynthesisView>) {
	const values = readSynthesisForm(form);
	const { rows, ...input } = synthesisFormToInput(values);
	try {
		await save(input, readVersionOrNew(values.version));
		return { values, issues: null };
	} catch (e) {
		if (e instanceof ValidationError)
			return { values, issues: new ValidationError(e.issues.map((i) => ({ ...i, field: synthesisFieldOf(i.field, rows) }))) };
		throw e;
	}
}
