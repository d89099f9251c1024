/**
 * A page's data as one JSON text (pure, client-safe). SvelteKit serialises whatever a load
 * returns on every request, even for pages rendered only on the server; a single string costs it
 * one pass, where a programme of 40 sessions as objects costs it several milliseconds.
 */
export type JsonOf<T> = string & { readonly __json?: T };

export function toJson<T>(value: T): JsonOf<T> {
	return JSON.stringify(value) as JsonOf<T>;
}

export function fromJson<T>(json: JsonOf<T>): T {
	return JSON.parse(json) as T;
}
