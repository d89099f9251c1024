import { z } from 'zod';

export const LEGAL_BASES = ['professional', 'legitimate-interest', 'consent'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

const text = (max: number) => z.string().trim().max(max).default('');

export const contactListInputSchema = z.strictObject({
	name: z.string().trim().min(1).max(120)
});

/** Which list of another event to copy into this one (`POST …/contact-lists/from-other-events`). */
export const contactListCopySchema = z.strictObject({
	source: z.string().trim().min(1).meta({ description: 'L’identifiant de la liste à copier (`GET …/contact-lists/from-other-events`)' })
});

/** A list of another event of the caller's that can be copied into this one. */
export const reusableContactListSchema = z.object({ id: z.string(), name: z.string(), eventTitle: z.string(), eventSlug: z.string() });

export const contactInputSchema = z.strictObject({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.email({ error: 'errors.email' })),
	firstName: text(200),
	lastName: text(200),
	structure: text(200),
	role: text(200),
	territory: text(200),
	legalBasis: z.enum(LEGAL_BASES).default('professional')
});

export const contactsInputSchema = z.strictObject({
	contacts: z.array(z.unknown()).min(1).max(10_000)
});

export const contactListViewSchema = z.object({
	id: z.string(),
	name: z.string(),
	contacts: z.number().int(),
	createdAt: z.string()
});

/** One contact as the API returns it (`GET …/contact-lists/{id}/contacts`). */
export const contactViewSchema = z.object({
	id: z.string(),
	email: z.string(),
	firstName: z.string(),
	lastName: z.string(),
	structure: z.string(),
	role: z.string(),
	territory: z.string(),
	source: z.string(),
	legalBasis: z.enum(LEGAL_BASES)
});

/** A list with its total and its first 500 contacts. */
export const contactListContentsSchema = z.object({
	id: z.string(),
	name: z.string(),
	total: z.number().int(),
	contacts: z.array(contactViewSchema)
});

export const importReportSchema = z.object({
	lines: z.number().int(),
	imported: z.number().int(),
	merged: z.number().int(),
	encoding: z.enum(['utf-8', 'windows-1252']),
	refused: z.array(z.object({ line: z.number().int(), email: z.string(), reason: z.string() }))
});
