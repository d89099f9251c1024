/**
 * The `fields` of an ErrorSummary from a form's list: error key, the id of its control and the
 * message key of its label, in the order of the form (the summary lists errors in that order).
 */
export function errorFields(
	t: (key: string, params?: Record<string, unknown>) => string,
	entries: [key: string, id: string, labelKey: string][]
): Record<string, { id: string; label: string }> {
	return Object.fromEntries(entries.map(([key, id, labelKey]) => [key, { id, label: t(labelKey) }]));
}
