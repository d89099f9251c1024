/** What a person writes about themselves in a network directory (one schema for the form and the API). */
import { z } from 'zod';

const text = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max));

export const profileInputSchema = z.object({
	activity: text(600),
	needs: text(600),
	offers: text(600),
	themes: z.preprocess((v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v), z.array(z.string().trim().min(1).max(200)).max(20)),
	/** Consent to be listed, by name and role only, on one's structure's public page (off unless given). */
	publicOnStructure: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});
export type ProfileInput = z.output<typeof profileInputSchema>;

/** Filters of a directory of people. */
export const peopleFilterSchema = z.object({
	q: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional()),
	theme: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional()),
	departement: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(3).optional()),
	role: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(60).optional()),
	structureType: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(60).optional())
});
export type PeopleFilter = z.output<typeof peopleFilterSchema>;

/** A person as other opted-in people see them: never an address. */
export const personViewSchema = z.object({
	id: z.string(),
	name: z.string(),
	structureName: z.string(),
	structureType: z.string(),
	role: z.string(),
	departement: z.string().nullable(),
	activity: z.string(),
	needs: z.string(),
	offers: z.string(),
	themes: z.array(z.string())
});
export type PersonView = z.output<typeof personViewSchema>;

/** One's own entry: what others see, and one's consent to one's structure's public page. */
export const ownProfileViewSchema = personViewSchema.extend({ publicOnStructure: z.boolean() });
