/** PostgreSQL hands back `Date`, SQLite the ISO string we stored: one shape for the rest of the code. */
export function toIso(value: string | Date): string;
export function toIso(value: string | Date | null): string | null;
export function toIso(value: string | Date | null): string | null {
	if (value === null) return null;
	return typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();
}

export function nowIso(): string {
	return new Date().toISOString();
}
