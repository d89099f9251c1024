/**
 * What a page reads from its form action's answer (`form`): after a failure (`fail(400, { values,
 * errors })`), the field errors and the values as typed, so that the form shows both; otherwise
 * no errors and the stored values. A page with several forms names each in a hidden `_form`
 * field, and asks for one form's errors and values by that name.
 */

type Failure = { values?: unknown; errors?: Record<string, string> };

function failureOf(form: unknown, name?: string): Failure | null {
	if (!form || typeof form !== 'object' || !('errors' in form)) return null;
	const failure = form as Failure;
	return name === undefined || failedForm(failure) === name ? failure : null;
}

/** The `_form` name of the form whose action failed; undefined after a success (or with no name). */
export function failedForm(form: unknown): string | undefined {
	if (!form || typeof form !== 'object' || !('errors' in form)) return undefined;
	return ((form as Failure).values as { _form?: string } | undefined)?._form;
}

/** The field errors of a failed form action (of the form called `name`, if given), keyed by field; none otherwise. */
export function formErrors(form: unknown, name?: string): Record<string, string> {
	return failureOf(form, name)?.errors ?? {};
}

/** The errors of a failed form that has no fields to show them next to, as one sentence; '' otherwise. */
export function formErrorText(form: unknown, name?: string): string {
	return Object.values(formErrors(form, name)).join(' ');
}

/** The values as the person typed them after a failed form action (of the form called `name`, if given); `stored` otherwise. */
export function formValues<T>(form: unknown, stored: T, name?: string): T {
	const failure = failureOf(form, name);
	return failure && 'values' in failure ? (failure.values as T) : stored;
}

/** The props every edit form of one item takes (PlanningCommitteeForm, PlanningMeetingForm, PlanningTimeForm…). */
export interface EditFormProps<V> {
	values: V;
	errors?: Record<string, string>;
	action: string;
	submitLabel: string;
	/** After a stale save (409): the values saved now, shown where they differ from the typed ones. */
	current?: V;
}

/**
 * An item page's edit form (action `?/save`) from its action's answer: the values as typed and the
 * errors after a failure, and after a stale save the values stored now (`stored`, loaded again).
 */
export function editFormProps<V>(form: unknown, stored: V, submitLabel: string): EditFormProps<V> {
	const stale = !!form && typeof form === 'object' && 'stale' in form;
	return { values: formValues(form, stored), errors: formErrors(form), action: '?/save', submitLabel, current: stale ? stored : undefined };
}
