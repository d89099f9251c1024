import type { z } from 'zod';

/** One problem with one input field; `message` is an i18n key (see src/lib/i18n/fr/core.json, key `errors`). */
export interface FieldIssue {
	field: string;
	message: string;
	params?: Record<string, unknown>;
}

/** Thrown by services when their input fails its schema; routes turn it into 422 or a form error. */
export class ValidationError extends Error {
	readonly issues: FieldIssue[];
	constructor(issues: FieldIssue[]) {
		super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
		this.name = 'ValidationError';
		this.issues = issues;
	}
}

/** The resource does not exist, or the caller may not know that it does. */
export class NotFoundError extends Error {
	constructor(what = 'not found') {
		super(what);
		this.name = 'NotFoundError';
	}
}

/** The caller may see the resource but not do this to it. */
export class ForbiddenError extends Error {
	constructor(what = 'forbidden') {
		super(what);
		this.name = 'ForbiddenError';
	}
}

/** The request is valid but conflicts with the current state (a taken slug, a closed registration…). */
export class ConflictError extends Error {
	readonly issues: FieldIssue[];
	constructor(issues: FieldIssue[]) {
		super(issues.map((i) => i.message).join('; '));
		this.name = 'ConflictError';
		this.issues = issues;
	}
}

/** Zod's issues as field issues: the path joined with dots, one entry per problem. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.flatMap((issue) => {
		// An unknown key is reported on the key itself, so that a client knows which one to drop.
		if (issue.code === 'unrecognized_keys')
			return issue.keys.map((key) => ({ field: [...issue.path.map(String), key].join('.'), message: 'errors.unknownField', params: {} }));
		const field = issue.path.map(String).join('.') || '_';
		const custom = issue.message.startsWith('errors.') ? issue.message : null;
		const params: Record<string, unknown> = {};
		if ('minimum' in issue) params.min = issue.minimum;
		if ('maximum' in issue) params.max = issue.maximum;
		let message = custom;
		if (!message) {
			if (issue.code === 'too_small')
				message = issue.origin === 'array' ? 'errors.tooFewItems' : issue.minimum === 1 ? 'errors.required' : 'errors.tooShort';
			else if (issue.code === 'too_big')
				message = issue.origin === 'array' ? 'errors.tooManyItems' : issue.origin === 'string' ? 'errors.tooLong' : 'errors.tooBig';
			else if (issue.code === 'invalid_type')
				message = issue.input === undefined || issue.input === null ? 'errors.required' : 'errors.invalidType';
			else if (issue.code === 'invalid_value') message = 'errors.invalidChoice';
			else message = 'errors.invalid';
		}
		return { field, message, params };
	});
}

/** Parses `input` with `schema` or throws a ValidationError carrying every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(toFieldIssues(result.error));
	return result.data;
}
