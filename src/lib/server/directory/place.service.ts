/**
 * The directory's places of digital mediation: public search and page, open-data export in the
 * national schema's CSV and JSON, and import of either by the instance's moderators (in Maillage:
 * its administrators), row by row, refusing invalid rows with their reasons and importing the rest.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { newRowId } from '../db/row-id.ts';
import type { Selectable } from 'kysely';
import type { DirectoryPlaceTable } from '../db/tables/directory.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { translator, type Translate } from '../../i18n/index.ts';
import { findDepartement } from '../territory/territory.ts';
import { withTx } from '../tx.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseOrThrow, type FieldIssue } from '../validation.ts';
import { ETAPES_NUMERIQUES, SCHEMA_FIELDS, type SchemaRow } from './lieux-schema.ts';
import { decodeCsv, parseSchemaCsv, writeSchemaCsv } from './place-csv.ts';
import { parsePlacesJson, writePlacesJson } from './place-json.ts';
import type { CsvOptions } from '../csv.ts';
import { splitList, validatePlaceRow, type ValidPlace } from './place-validation.ts';
import {
	countPlacesByDepartement,
	findOtherPlaceByMatchKey,
	findPlaceBySchemaId,
	insertPlaces,
	listAllPlaces,
	listPlaceKeys,
	listPlacePoints,
	searchPlaces,
	updatePlace,
	type PlaceRecord
} from './place.queries.ts';
import { placeFilterSchema, type PlaceFilters, type PlaceImportResult, type PlaceView } from './place.schema.ts';

/** Lower case, without accents: how names are compared and searched. */
export function normaliseText(v: string): string {
	return v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function matchKey(pivot: string, nom: string): string {
	return `${pivot}|${normaliseText(nom)
		.replace(/[^a-z0-9]+/gu, ' ')
		.trim()}`;
}

/** Who moderates the directory: the instance's administrators (no separate role). */
export function canModerateDirectory(actor: Actor): boolean {
	return !!actor?.isAdmin;
}

/** Throws NotFoundError unless the actor moderates the directory (its pages are not revealed). */
export function assertDirectoryModerator(actor: Actor): void {
	if (!canModerateDirectory(actor)) throw new NotFoundError('directory');
}

const LIST_FIELDS = new Set([
	'typologie',
	'courriels',
	'site_web',
	'itinerance',
	'services',
	'publics_specifiquement_adresses',
	'prise_en_charge_specifique',
	'frais_a_charge',
	'dispositif_programmes_nationaux',
	'formations_labels',
	'autres_formations_labels',
	'modalites_acces',
	'modalites_accompagnement'
]);

/** A place as stored. */
export type PlaceRow = Selectable<DirectoryPlaceTable>;

function toView(r: PlaceRow): PlaceView {
	const out: Record<string, unknown> = { departement: r.departement };
	for (const field of SCHEMA_FIELDS) {
		const column = field === 'id' ? 'schema_id' : field;
		const value = r[column as keyof PlaceRow];
		if (LIST_FIELDS.has(field)) out[field] = splitList((value as string | null) ?? undefined);
		else if (field === 'latitude' || field === 'longitude') out[field] = value === null ? null : Number(value);
		else out[field] = value ?? null;
	}
	return out as PlaceView;
}

/** The schema row of a stored place, as the export writes it. */
function toSchemaRow(r: PlaceRow): SchemaRow {
	const row: SchemaRow = {};
	for (const field of SCHEMA_FIELDS) {
		const value = r[(field === 'id' ? 'schema_id' : field) as keyof PlaceRow];
		if (value !== null && value !== undefined && value !== '') row[field] = String(value);
	}
	// v1.0.1 does not know this label and v1.0.2 spells it differently: the free list takes it.
	const labels = splitList(row.formations_labels);
	if (labels.includes(ETAPES_NUMERIQUES)) {
		const rest = labels.filter((l) => l !== ETAPES_NUMERIQUES);
		if (rest.length) row.formations_labels = rest.join('|');
		else delete row.formations_labels;
		row.autres_formations_labels = [...splitList(row.autres_formations_labels), ETAPES_NUMERIQUES].join('|');
	}
	return row;
}

/** Searches the directory (public): one page of places by name and the total. */
export async function listPlaces(
	ctx: ServiceContext,
	input: unknown
): Promise<{ items: PlaceView[]; total: number; filters: PlaceFilters }> {
	const filters = parseOrThrow(placeFilterSchema, input);
	const { limit, offset, ...rest } = filters;
	const where = { ...rest, q: rest.q ? normaliseText(rest.q) : undefined };
	const { items, total } = await searchPlaces(ctx.db, where, limit, offset);
	return { items: items.map(toView), total, filters };
}

/** The points of the places matching the filters (public), for the map; at most 5,000. */
export async function listPlaceMapPoints(ctx: ServiceContext, filters: PlaceFilters) {
	const { limit: _l, offset: _o, ...rest } = filters;
	const rows = await listPlacePoints(ctx.db, { ...rest, q: rest.q ? normaliseText(rest.q) : undefined });
	return rows.map((r) => ({
		id: r.schema_id,
		nom: r.nom,
		latitude: Number(r.latitude),
		longitude: Number(r.longitude),
		departement: r.departement
	}));
}

/** One place by its schema `id` (public); NotFoundError when there is none. */
export async function getPlace(ctx: ServiceContext, schemaId: string): Promise<PlaceView> {
	const row = await findPlaceBySchemaId(ctx.db, schemaId);
	if (!row) throw new NotFoundError('place');
	return toView(row);
}

/** The départements that have places, with their names and counts (public), for the filters. */
export async function listPlaceDepartements(ctx: ServiceContext) {
	const rows = await countPlacesByDepartement(ctx.db);
	return rows.map((r) => ({ code: r.departement, name: findDepartement(r.departement)?.name ?? r.departement, count: r.count }));
}

/** Every place in the schema's CSV (public open data, Licence Ouverte 2.0). */
export async function exportPlacesCsv(ctx: ServiceContext, options?: CsvOptions): Promise<string> {
	return writeSchemaCsv((await listAllPlaces(ctx.db)).map(toSchemaRow), options);
}

function record(place: ValidPlace, id: string, now: string): PlaceRecord {
	const r = place.row;
	const hash = createHash('sha1')
		.update(JSON.stringify(SCHEMA_FIELDS.map((f) => r[f] ?? '')))
		.digest('base64url');
	const text = (v: string | undefined) => v ?? null;
	return {
		id,
		schema_id: r.id!,
		pivot: r.pivot!,
		nom: r.nom!,
		match_key: matchKey(r.pivot!, r.nom!),
		search_text: normaliseText(`${r.nom} ${r.commune} ${r.code_postal}`),
		departement: place.departement,
		commune: r.commune!,
		code_postal: r.code_postal!,
		code_insee: text(r.code_insee),
		adresse: r.adresse!,
		complement_adresse: text(r.complement_adresse),
		latitude: place.latitude,
		longitude: place.longitude,
		typologie: text(r.typologie),
		telephone: text(r.telephone),
		courriels: text(r.courriels),
		site_web: text(r.site_web),
		horaires: text(r.horaires),
		presentation_resume: text(r.presentation_resume),
		presentation_detail: text(r.presentation_detail),
		source: text(r.source),
		itinerance: text(r.itinerance),
		structure_parente: text(r.structure_parente),
		date_maj: r.date_maj!,
		services: text(r.services),
		publics_specifiquement_adresses: text(r.publics_specifiquement_adresses),
		prise_en_charge_specifique: text(r.prise_en_charge_specifique),
		frais_a_charge: text(r.frais_a_charge),
		dispositif_programmes_nationaux: text(r.dispositif_programmes_nationaux),
		formations_labels: text(r.formations_labels),
		autres_formations_labels: text(r.autres_formations_labels),
		modalites_acces: text(r.modalites_acces),
		modalites_accompagnement: text(r.modalites_accompagnement),
		fiche_acces_libre: text(r.fiche_acces_libre),
		prise_rdv: text(r.prise_rdv),
		content_hash: hash,
		created_at: now,
		updated_at: now
	};
}

/**
 * A stored place with one field changed (a correction), checked as an import checks a row, its
 * `date_maj` set to `today`: the valid place, or the reasons (field of the schema and key).
 */
export function checkPlaceChange(
	stored: PlaceRow,
	field: string,
	value: string,
	today: string
): { place: ValidPlace } | { issues: FieldIssue[] } {
	const row: Record<string, string | undefined> = { ...toSchemaRow(stored), [field]: value, date_maj: today };
	return validatePlaceRow(row);
}

/**
 * Saves a place checked by checkPlaceChange, over the version `stored` was read at (or `version`,
 * the one a moderator's screen was loaded with): StaleVersionError and nothing written when the
 * place changed since. ConflictError when another place is the same (pivot and name).
 */
export async function savePlaceChange(db: DbOrTx, stored: PlaceRow, place: ValidPlace, version?: ExpectedVersion): Promise<void> {
	const versions = versionsToWrite(version, Number(stored.version));
	const rec = record(place, stored.id, new Date().toISOString());
	const twin = await findOtherPlaceByMatchKey(db, rec.match_key, stored.id);
	if (twin) throw new ConflictError([{ field: 'pivot', message: 'directory.errors.samePlace', params: { id: twin.schema_id } }]);
	if (!(await updatePlace(db, rec, versions))) throw new StaleVersionError(null, version !== undefined);
}

function assertCanImport(actor: Actor): void {
	if (!actor) throw new NotFoundError('directory');
	if (!canModerateDirectory(actor)) throw new ForbiddenError('import');
}

/** A row read from a file: its values, or the reasons it was refused before any check of its fields. */
type ReadRow = { line: number; values?: Record<string, string>; issues?: FieldIssue[] };

/**
 * Imports the schema's CSV (moderators only). Each row is checked on its own: valid rows are
 * added, or update the place with the same `id` (else the same `pivot` and name); a row equal to
 * what is stored changes nothing, so importing a file twice changes nothing. Invalid rows are
 * refused with every reason, in `t`'s language. A file that is not a table of the schema (no
 * header, required columns missing) is a ValidationError and nothing is imported.
 */
export async function importPlacesCsv(
	ctx: ServiceContext,
	actor: Actor,
	bytes: Uint8Array,
	t: Translate = translator('fr')
): Promise<PlaceImportResult> {
	assertCanImport(actor);
	const { text, encoding } = decodeCsv(bytes);
	const parsed = parseSchemaCsv(text);
	if ('issues' in parsed) throw new ValidationError(parsed.issues);
	const { csv } = parsed;
	const rows = csv.rows.map(({ line, values, columnCount }): ReadRow =>
		columnCount === csv.columns.length
			? { line, values }
			: {
					line,
					issues: [{ field: '_', message: 'directory.errors.columnCount', params: { count: columnCount, expected: csv.columns.length } }]
				}
	);
	return { ...(await importRows(ctx, rows, t)), ignoredColumns: csv.unknownColumns, encoding };
}

/**
 * Imports the schema's JSON form (an array of places, see place-json.ts), by the same rules as
 * the CSV; `row` in the answer is the place's position in the array, from 1.
 */
export async function importPlacesJson(
	ctx: ServiceContext,
	actor: Actor,
	bytes: Uint8Array,
	t: Translate = translator('fr')
): Promise<PlaceImportResult> {
	assertCanImport(actor);
	const parsed = parsePlacesJson(new TextDecoder('utf-8').decode(bytes));
	if ('issues' in parsed) throw new ValidationError(parsed.issues);
	return { ...(await importRows(ctx, parsed.rows, t)), ignoredColumns: parsed.unknownColumns, encoding: 'utf-8' };
}

/** Every place in the schema's JSON form (public open data, Licence Ouverte 2.0). */
export async function exportPlacesJson(ctx: ServiceContext): Promise<string> {
	return writePlacesJson((await listAllPlaces(ctx.db)).map(toSchemaRow));
}

async function importRows(ctx: ServiceContext, rows: ReadRow[], t: Translate) {
	const refused: { row: number; issues: FieldIssue[] }[] = [];
	const valid: { line: number; place: ValidPlace }[] = [];
	const seenIds = new Map<string, number>();
	for (const { line, values, issues } of rows) {
		if (issues || !values) {
			refused.push({ row: line, issues: issues ?? [] });
			continue;
		}
		const result = validatePlaceRow(values);
		if ('issues' in result) {
			refused.push({ row: line, issues: result.issues });
			continue;
		}
		const first = seenIds.get(result.place.row.id!);
		if (first !== undefined) {
			refused.push({ row: line, issues: [{ field: 'id', message: 'directory.errors.duplicateId', params: { line: first } }] });
			continue;
		}
		seenIds.set(result.place.row.id!, line);
		valid.push({ line, place: result.place });
	}

	const counts = await withTx(ctx.db, async (tx) => {
		const keys = await listPlaceKeys(tx);
		const bySchemaId = new Map(keys.map((k) => [k.schema_id, k]));
		const byMatch = new Map(keys.map((k) => [k.match_key, k]));
		const now = new Date().toISOString();
		const inserts: PlaceRecord[] = [];
		let updated = 0;
		let unchanged = 0;
		const pending = new Set<string>();
		for (const { line, place } of valid) {
			const existing = bySchemaId.get(place.row.id!) ?? byMatch.get(matchKey(place.row.pivot!, place.row.nom!));
			const rec = record(place, existing?.id ?? newRowId(), now);
			const sameAs = existing && (pending.has(existing.id) || (existing.schema_id !== rec.schema_id && bySchemaId.has(rec.schema_id)));
			if (sameAs) {
				// Another row of this file (or another stored place) is already this place.
				refused.push({
					row: line,
					issues: [{ field: 'pivot', message: 'directory.errors.samePlace', params: { id: existing.schema_id } }]
				});
				continue;
			}
			if (!existing) {
				pending.add(rec.id);
				inserts.push(rec);
				byMatch.set(rec.match_key, { id: rec.id, schema_id: rec.schema_id, match_key: rec.match_key, content_hash: rec.content_hash });
			} else if (existing.content_hash === rec.content_hash && existing.schema_id === rec.schema_id) unchanged += 1;
			else {
				await updatePlace(tx, rec);
				bySchemaId.delete(existing.schema_id);
				bySchemaId.set(rec.schema_id, { ...existing, schema_id: rec.schema_id, content_hash: rec.content_hash });
				updated += 1;
			}
		}
		await insertPlaces(tx, inserts);
		return { imported: inserts.length, updated, unchanged };
	});

	return {
		...counts,
		refused: refused
			.sort((a, b) => a.row - b.row)
			.map((r) => ({
				row: r.row,
				errors: r.issues.map((i) => ({ field: i.field, message: t(i.message, { field: i.field, ...i.params }) }))
			}))
	};
}
