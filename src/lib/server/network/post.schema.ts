/** Needs and offers, and the contact requests on them (one schema per input, for the forms and the API). */
import { z } from 'zod';
import { POST_CATEGORIES, POST_KINDS } from '../../ui/network/vocabulary.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const postInputSchema = z.object({
	kind: z.enum(POST_KINDS),
	category: z.enum(POST_CATEGORIES),
	title: z.string().trim().min(1).max(120),
	description: z.preprocess((v) => v ?? '', z.string().trim().max(1000)),
	theme: z.preprocess((v) => v ?? '', z.string().trim().max(200)),
	departement: z.preprocess(
		blankToUndefined,
		z
			.string()
			.regex(/^(\d{2}|2[AB]|97\d)$/u, 'errors.invalid')
			.optional()
	),
	endsOn: z.preprocess(blankToUndefined, z.iso.date({ message: 'errors.date' }).optional())
});
export type PostInput = z.output<typeof postInputSchema>;

export const postFilterSchema = z.object({
	kind: z.preprocess(blankToUndefined, z.enum(POST_KINDS).optional()),
	category: z.preprocess(blankToUndefined, z.enum(POST_CATEGORIES).optional()),
	theme: z.preprocess(blankToUndefined, z.string().max(200).optional()),
	departement: z.preprocess(blankToUndefined, z.string().max(3).optional()),
	q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional())
});

export const contactInputSchema = z.object({
	message: z.string().trim().min(1).max(1000)
});

const postSummary = z.object({ id: z.string(), kind: z.enum(POST_KINDS), title: z.string(), authorName: z.string() });

export const postViewSchema = z.object({
	id: z.string(),
	kind: z.enum(POST_KINDS),
	category: z.enum(POST_CATEGORIES),
	title: z.string(),
	description: z.string(),
	theme: z.string(),
	departement: z.string().nullable(),
	endsOn: z.string().nullable(),
	author: z.object({ id: z.string(), name: z.string(), structureName: z.string() }),
	mine: z.boolean(),
	/** Raised at each change: the author's edit form carries it (no lost update). */
	version: z.number().int(),
	/** Whether the viewer already asked to be put in touch (null: their own post, or the team's view). */
	contacted: z.boolean().nullable(),
	matches: z.array(postSummary)
});
export type PostView = z.output<typeof postViewSchema>;
