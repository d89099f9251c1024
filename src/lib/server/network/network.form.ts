/** Reading the network's forms into the plain objects their services validate. */

function text(form: FormData, key: string): string {
	const v = form.get(key);
	return typeof v === 'string' ? v : '';
}

/** A profile form: what the person does, needs and offers, and their themes (checkboxes). */
export function profileFormValues(form: FormData) {
	return {
		activity: text(form, 'activity'),
		needs: text(form, 'needs'),
		offers: text(form, 'offers'),
		themes: form.getAll('themes').filter((v): v is string => typeof v === 'string'),
		publicOnStructure: form.get('publicOnStructure') === 'on'
	};
}

/** The signed-in person's profile form: the same, with their displayed name, structure and département. */
export function accountProfileFormValues(form: FormData) {
	return {
		...profileFormValues(form),
		name: text(form, 'name'),
		structureName: text(form, 'structureName'),
		departement: text(form, 'departement')
	};
}

/** Every text field of a form, as typed (forms whose fields are all plain text). */
export function textFormValues(form: FormData, keys: readonly string[]): Record<string, string> {
	return Object.fromEntries(keys.map((k) => [k, text(form, k)]));
}
