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

/**
 * A list form's rows as typed, put back on the rows stored now (matched by `id`): a row added
 * meanwhile by someone else shows its stored values, a row deleted meanwhile disappears, and each
 * error (`<prefix>.<n>.<field>`) follows its row. After a stale save every row takes the version
 * stored now (and the other `fromStored` keys), so that saving again is deliberate; otherwise each
 * keeps the version it was loaded with.
 */
export function alignRows<R extends { id: string; version: string }>(
	stored: R[],
	typed: R[] | undefined,
	errors: Record<string, string>,
	stale: boolean,
	prefix = 'lines',
	fromStored: (keyof R)[] = ['version']
): { rows: R[]; errors: Record<string, string> } {
	if (!typed) return { rows: stored, errors };
	const typedById = new Map(typed.map((r) => [r.id, r]));
	const rows = stored.map((r) => {
		const mine = typedById.get(r.id);
		if (!mine) return r;
		return stale ? { ...mine, ...Object.fromEntries(fromStored.map((k) => [k, r[k]])) } : mine;
	});
	const at = new Map(stored.map((r, i) => [r.id, i]));
	const moved: Record<string, string> = {};
	for (const [key, message] of Object.entries(errors)) {
		const m = new RegExp(`^${prefix}\\.(\\d+)\\.(.*)$`).exec(key);
		const to = m ? at.get(typed[Number(m[1])]?.id ?? '') : undefined;
		if (!m) moved[key] = message;
		else if (to !== undefined) moved[`${prefix}.${to}.${m[2]}`] = message;
	}
	return { rows, errors: moved };
}
