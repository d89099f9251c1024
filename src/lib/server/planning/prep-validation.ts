import { z } from 'zod';
import { ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';

/**
 * The preparation's own error messages are i18n keys under its areas (`planning.errors.*`,
 * `budget.errors.*`…), which the shared `toFieldIssues` does not recognise as custom: keep them.
 */
const OWN_KEY = /^(planning|budget|committee|logistics)\.errors\./;

export function prepIssues(error: z.ZodError): FieldIssue[] {
	return toFieldIssues(error).map((issue, i) => {
		const original = error.issues[i]?.message ?? '';
		return OWN_KEY.test(original) ? { ...issue, message: original } : issue;
	});
}

/** Parses `input` with `schema` or throws a ValidationError with every problem, own keys kept. */
export function parseOrThrowPrep<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(prepIssues(result.error));
	return result.data;
}

/** Shared field shapes of the preparation's inputs. */
export const requiredText = (max: number) =>
	z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(max, { error: 'errors.tooLong' });

export const plainText = (max: number) => z.string({ error: 'errors.invalidType' }).trim().max(max, { error: 'errors.tooLong' });

/** A calendar day `YYYY-MM-DD` that exists. */
export const isoDay = z
	.string({ error: 'errors.date' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'errors.date' })
	.refine(
		(v) => {
			const d = new Date(`${v}T00:00:00Z`);
			return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '2000-01-01' && v <= '2100-12-31';
		},
		{ error: 'errors.date' }
	)
	.meta({ format: 'date', description: 'AAAA-MM-JJ' });

/** An id of one of our rows (UUID); anything else cannot name a row and is refused early. */
export const rowId = z.string({ error: 'errors.invalidType' }).regex(/^[0-9a-f-]{36}$/i, { error: 'errors.invalid' });

/**
 * For cross-field checks of an object: run them even when a field already failed, so that a
 * person sees every problem at once (Zod skips refinements after a failed field by default).
 */
export const evenWithFieldErrors = {
	when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value)
};
