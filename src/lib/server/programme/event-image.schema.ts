/** The one input of an event page image (banner or logo), shared by the settings form and the API. */
import { z } from 'zod';

export const EVENT_IMAGE_KINDS = ['banner', 'organiser', 'funder'] as const;
export type EventImageKind = (typeof EVENT_IMAGE_KINDS)[number];

export const eventImageSchema = z
	.object({
		kind: z.enum(EVENT_IMAGE_KINDS, { error: 'errors.invalidChoice' }),
		/** The organisation a logo stands for; a banner has none. */
		name: z.string({ error: 'errors.invalidType' }).trim().max(120, { error: 'errors.tooLong' }).default(''),
		link: z
			.string({ error: 'errors.invalidType' })
			.trim()
			.max(500, { error: 'errors.tooLong' })
			.transform((v) => (v === '' ? null : v))
			.nullish()
			.refine((v) => v == null || /^https?:\/\/[^\s]+$/.test(v), { error: 'errors.url' }),
		/** Required: what the image shows, for those who cannot see it. */
		alt: z.string({ error: 'errors.required' }).trim().min(1, { error: 'errors.required' }).max(300, { error: 'errors.tooLong' })
	})
	.superRefine((v, ctx) => {
		if (v.kind !== 'banner' && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'errors.required' });
	});

export type EventImageInput = z.output<typeof eventImageSchema>;

export const eventImageViewSchema = z.object({
	id: z.string(),
	kind: z.enum(EVENT_IMAGE_KINDS),
	name: z.string(),
	link: z.string().nullable(),
	alt: z.string(),
	width: z.number().int(),
	height: z.number().int(),
	src: z.string().meta({ description: 'La plus petite taille' }),
	srcset: z.string().meta({ description: 'Chaque taille (WebP) et sa largeur, pour `srcset`' })
});
export type EventImageView = z.output<typeof eventImageViewSchema>;

export const eventImagesViewSchema = z.object({
	// A copy of the shape, not the registered component: OpenAPI 3.0 cannot make a `$ref` nullable.
	banner: z.object(eventImageViewSchema.shape).nullable(),
	organisers: z.array(eventImageViewSchema),
	funders: z.array(eventImageViewSchema)
});
