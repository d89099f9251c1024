/**
 * After a stale save (someone saved since the form was loaded, see src/lib/server/edit-version.ts):
 * the fields whose saved value is not what the person typed, as people read them, for
 * StaleChanges (the list at the top) and Field's `saved` (beside each control). Client-safe.
 */
export interface StaleChange {
	key: string;
	id: string;
	label: string;
	value: string;
}

/** The labelled `fields` whose `current` value differs from the `typed` one (none without `current`). */
export function staleChanges<V extends object>(
	typed: V,
	current: V | undefined,
	fields: Record<string, { id: string; label: string }>,
	show: (key: string, values: V) => string = (key, values) => String((values as Record<string, unknown>)[key] ?? '')
): StaleChange[] {
	if (!current) return [];
	return Object.entries(fields)
		.filter(([key]) => show(key, typed) !== show(key, current))
		.map(([key, f]) => ({ key, id: f.id, label: f.label, value: show(key, current) }));
}

/** The saved value of one field when it changed, for Field's `saved`. */
export function savedOf(changes: StaleChange[], key: string): string | undefined {
	return changes.find((c) => c.key === key)?.value;
}
