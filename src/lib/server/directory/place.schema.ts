/** Zod schemas of the directory's places: the search filters (page and API) and the API's answers. */
import { z } from 'zod';
import { ENUMERATIONS, SCHEMA_FIELDS, SERVICES } from './lieux-schema.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().max(max).optional());

/** The filters of `/annuaire` and `GET /api/v1/directory/places` (query string; empty means none). */
export const placeFilterSchema = z.object({
	q: optionalText(200).meta({ description: 'Texte cherché dans le nom, la commune et le code postal' }),
	service: z.preprocess(blankToUndefined, z.enum(SERVICES as [string, ...string[]]).optional()),
	departement: z
		.preprocess(
			blankToUndefined,
			z
				.string()
				.regex(/^(\d{2,3}|2[AB])$/u, 'errors.invalid')
				.optional()
		)
		.meta({
			description: 'Code INSEE du département (ex. 87, 2A, 974)'
		}),
	commune: optionalText(100).meta({ description: 'Nom exact de la commune, code postal ou code INSEE' }),
	typologie: z.preprocess(blankToUndefined, z.enum(ENUMERATIONS.typologie as [string, ...string[]]).optional()),
	public: z.preprocess(blankToUndefined, z.enum(ENUMERATIONS.publics_specifiquement_adresses as [string, ...string[]]).optional()),
	limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
	offset: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(1_000_000).default(0))
});
export type PlaceFilters = z.output<typeof placeFilterSchema>;

const list = z.array(z.string());

/** A place as the API gives it: the schema's fields, lists as arrays, coordinates as numbers. */
export const placeViewSchema = z.object({
	id: z.string().meta({ description: 'Identifiant du lieu dans le schéma (`id`)' }),
	pivot: z.string(),
	nom: z.string(),
	commune: z.string(),
	code_postal: z.string(),
	code_insee: z.string().nullable(),
	departement: z.string(),
	adresse: z.string(),
	complement_adresse: z.string().nullable(),
	latitude: z.number().nullable(),
	longitude: z.number().nullable(),
	typologie: list,
	telephone: z.string().nullable(),
	courriels: list,
	site_web: list,
	horaires: z.string().nullable(),
	presentation_resume: z.string().nullable(),
	presentation_detail: z.string().nullable(),
	source: z.string().nullable(),
	itinerance: list,
	structure_parente: z.string().nullable(),
	date_maj: z.string(),
	services: list,
	publics_specifiquement_adresses: list,
	prise_en_charge_specifique: list,
	frais_a_charge: list,
	dispositif_programmes_nationaux: list,
	formations_labels: list,
	autres_formations_labels: list,
	modalites_acces: list,
	modalites_accompagnement: list,
	fiche_acces_libre: z.string().nullable(),
	prise_rdv: z.string().nullable()
});
export type PlaceView = z.output<typeof placeViewSchema>;

export const placeListSchema = z.object({ items: z.array(placeViewSchema), total: z.number().int() });

/** The answer of an import: counts, and each refused row with its reasons. */
export const placeImportResultSchema = z.object({
	imported: z.number().int(),
	updated: z.number().int(),
	unchanged: z.number().int(),
	refused: z.array(
		z.object({
			row: z.number().int().meta({ description: 'Numéro de ligne dans le fichier (l’en-tête est la ligne 1)' }),
			errors: z.array(z.object({ field: z.string(), message: z.string() }))
		})
	),
	ignoredColumns: z.array(z.string()),
	encoding: z.enum(['utf-8', 'windows-1252'])
});
export type PlaceImportResult = z.output<typeof placeImportResultSchema>;

/**
 * A place in the schema's JSON form (import and export): the schema's fields, as the CSV writes
 * them (lists joined by `|`; on import an array of texts is read too), coordinates as numbers.
 */
export const placeJsonSchema = z
	.object(
		Object.fromEntries(
			SCHEMA_FIELDS.map((f) => [
				f,
				(f === 'latitude' || f === 'longitude' ? z.number() : z.union([z.string(), z.array(z.string())])).optional()
			])
		)
	)
	.meta({ description: 'Un lieu au format JSON du schéma « lieux de médiation numérique »' });
export const placeJsonExportSchema = z.array(
	z.object(Object.fromEntries(SCHEMA_FIELDS.map((f) => [f, (f === 'latitude' || f === 'longitude' ? z.number() : z.string()).optional()])))
);
