import { z } from 'zod';
import { EVENT_FORMATS, STRUCTURE_TYPES } from '../events/event.schema.ts';

const empty = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The national view's filters, as query parameters (empty = all). Shared by the page, the API and the feeds. */
export const nationalFilterSchema = z.object({
	year: z.preprocess(
		empty,
		z.coerce
			.number({ error: 'errors.integer' })
			.int({ error: 'errors.integer' })
			.min(2000, { error: 'errors.tooSmall' })
			.max(2100, { error: 'errors.tooBig' })
			.optional()
	),
	region: z.preprocess(
		empty,
		z
			.string()
			.regex(/^\d{2}$/, { error: 'errors.invalidChoice' })
			.optional()
	),
	departement: z.preprocess(
		empty,
		z
			.string()
			.regex(/^(\d{2,3}|2[AB])$/, { error: 'errors.invalidChoice' })
			.optional()
	),
	axis: z.preprocess(empty, z.string().trim().max(100, { error: 'errors.tooLong' }).optional()),
	format: z.preprocess(empty, z.enum(EVENT_FORMATS, { error: 'errors.invalidChoice' }).optional()),
	organiserType: z.preprocess(empty, z.enum(STRUCTURE_TYPES, { error: 'errors.invalidChoice' }).optional()),
	source: z.preprocess(empty, z.enum(['local', 'all'], { error: 'errors.invalidChoice' }).optional())
});
export type NationalFilter = z.output<typeof nationalFilterSchema>;

export const nationalEventSchema = z.object({
	slug: z.string(),
	url: z.string().meta({ description: 'Adresse publique de l’événement : son identifiant stable' }),
	title: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	format: z.enum(EVENT_FORMATS),
	commune: z.string().nullable(),
	departement: z.string().nullable().meta({ description: 'Code du département, ex. « 24 »' }),
	region: z.string().nullable().meta({ description: 'Code INSEE de la région, ex. « 75 »' }),
	themes: z.array(z.string()),
	organisers: z.array(z.object({ name: z.string(), type: z.string(), role: z.string() })),
	label: z.enum(['not_requested', 'requested', 'granted', 'refused']),
	reportUrl: z.string().nullable(),
	source: z.string().meta({ description: '« local » pour cette instance' })
});
export type NationalEvent = z.output<typeof nationalEventSchema>;

export const nationalEventListSchema = z
	.object({ items: z.array(nationalEventSchema), total: z.number().int() })
	.meta({ description: 'NEC locaux publiés' });

const yearFigures = z.object({ events: z.number(), participants: z.number(), elus: z.number() });

export const nationalFiguresSchema = z
	.object({
		year: z.number().nullable(),
		events: z.number(),
		participants: z.number().meta({ description: 'Personnes pointées au moins une fois' }),
		structures: z.number().meta({ description: 'Structures distinctes parmi elles (nom normalisé et commune)' }),
		elus: z.number(),
		departementsCovered: z.number(),
		departements: z.record(z.string(), z.number()).meta({ description: 'Événements par département couvert' }),
		byRegion: z.record(z.string(), z.object({ events: z.number(), participants: z.number() })),
		byYear: z.record(z.string(), yearFigures),
		formats: z.record(z.string(), z.number()),
		axes: z.array(z.object({ axis: z.string(), events: z.number() }))
	})
	.meta({ description: 'Chiffres agrégés des NEC locaux publiés' });
export type NationalFigures = z.output<typeof nationalFiguresSchema>;
