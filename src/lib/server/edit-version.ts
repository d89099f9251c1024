/**
 * No lost update: optimistic concurrency for every edit of a row that has a `version` column
 * (migration 210). A form carries the version it was loaded from in a hidden field, an API client
 * in `If-Match` (the resource's `ETag` is its version); the service writes only where the row
 * still has that version, in the UPDATE's own WHERE, so that of two saves from one version
 * exactly one wins, whatever the database does in between. Pure: no framework, no database.
 */
import { z } from 'zod';
import { ConflictError } from './validation.ts';

/**
 * The row changed since the caller read it (or since the service read it, within its own
 * transaction, when the caller named no version). Nothing was written.
 */
export class StaleVersionError extends ConflictError {
	/** The version stored now; null when the row is gone. */
	readonly current: number | null;
	/** The caller named the version (a form's hidden field, `If-Match`): the API answers 412 then. */
	readonly named: boolean;
	constructor(current: number | null, named: boolean) {
		super([{ field: '_', message: 'security.stale' }]);
		this.name = 'StaleVersionError';
		this.current = current;
		this.named = named;
	}
}

/** A version as a form posts it: a positive whole number, else undefined (no check asked). */
export function readVersion(value: unknown): number | undefined {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
}

/**
 * Like readVersion, and 0 too: the version of a row that did not exist yet when the form was
 * loaded (a synthesis written once, on first save), so that one created meanwhile is not overwritten.
 */
export function readVersionOrNew(value: unknown): number | undefined {
	return typeof value === 'string' && value.trim() === '0' ? 0 : readVersion(value);
}

/** The strong ETag of a version: `"3"`. */
export function etagOf(version: number): string {
	return `"${version}"`;
}

/**
 * The versions an `If-Match` header accepts: undefined when there is none or it is `*` (any
 * version: the resource only has to exist), else the listed strong tags' versions. A weak or
 * unreadable tag matches nothing (RFC 9110 compares If-Match strongly), hence an empty list.
 */
export function ifMatchVersions(header: string | null): number[] | undefined {
	return ifMatchTags(header)
		?.filter((tag) => /^[1-9]\d{0,9}$/.test(tag))
		.map(Number);
}

/** Like ifMatchVersions, and `"0"` too: the ETag of a resource not written yet (see readVersionOrNew). */
export function ifMatchVersionsOrNew(header: string | null): number[] | undefined {
	return ifMatchTags(header)
		?.filter((tag) => /^(0|[1-9]\d{0,9})$/.test(tag))
		.map(Number);
}

/** The strong entity tags (without quotes) of an `If-Match` header; undefined for none or `*`. */
export function ifMatchTags(header: string | null): string[] | undefined {
	if (header === null || header.trim() === '' || header.trim() === '*') return undefined;
	return header
		.split(',')
		.map((tag) => /^\s*"([\x21\x23-\x7e]*)"\s*$/.exec(tag)?.[1])
		.filter((v): v is string => v !== undefined);
}

/** What the caller expects of the row's version: nothing, one version (forms) or a list (`If-Match`). */
export type ExpectedVersion = number | number[] | undefined;

/**
 * The versions an update may be written over: those the caller named, else the one the service
 * read in its transaction (so that a concurrent change in between is not overwritten either).
 * Throws StaleVersionError at once when the caller's version is already not the row's.
 */
export function versionsToWrite(expected: ExpectedVersion, read: number): number[] {
	if (expected === undefined) return [read];
	const list = Array.isArray(expected) ? expected : [expected];
	if (!list.includes(read)) throw new StaleVersionError(read, true);
	return [read];
}

/** The version of an editable resource, as in its `ETag`: sent back in `If-Match` so that a change made meanwhile is not overwritten. */
export const versionField = z.number().int().meta({
	description:
		'Version (la même que l’ETag de la ressource) : la renvoyer dans If-Match pour ne pas écraser une modification faite entre-temps'
});
