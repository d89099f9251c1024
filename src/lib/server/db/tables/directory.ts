import type { Generated } from 'kysely';
/**
 * Tables of the directory: places of digital mediation, one column per field of the national
 * schema "lieux de médiation numérique" (same names; lists `|`-separated as in its CSV).
 */
type Timestamp = string | Date;

export interface DirectoryPlaceTable {
	id: string;
	/** The schema's `id` (unique): what an import matches first. */
	schema_id: string;
	pivot: string;
	nom: string;
	/** `pivot` + normalised `nom`: what an import matches when the `id` is new. */
	match_key: string;
	/** Lower-case, unaccented name, commune and postcode, for the directory's search. */
	search_text: string;
	/** INSEE code of the département, from `code_insee` (else `code_postal`). */
	departement: string;
	commune: string;
	code_postal: string;
	code_insee: string | null;
	adresse: string;
	complement_adresse: string | null;
	latitude: number | null;
	longitude: number | null;
	typologie: string | null;
	telephone: string | null;
	courriels: string | null;
	site_web: string | null;
	horaires: string | null;
	presentation_resume: string | null;
	presentation_detail: string | null;
	source: string | null;
	itinerance: string | null;
	structure_parente: string | null;
	date_maj: string;
	services: string | null;
	publics_specifiquement_adresses: string | null;
	prise_en_charge_specifique: string | null;
	frais_a_charge: string | null;
	dispositif_programmes_nationaux: string | null;
	formations_labels: string | null;
	autres_formations_labels: string | null;
	modalites_acces: string | null;
	modalites_accompagnement: string | null;
	fiche_acces_libre: string | null;
	prise_rdv: string | null;
	/** Hash of the schema row as stored: an import of the same row changes nothing. */
	content_hash: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-070). */
	version: Generated<number>;
}

export interface DirectoryPlaceServiceTable {
	place_id: string;
	service: string;
}

/** Two spellings of one structure, merged by a moderator (migration 170). */
export interface DirectoryStructureMergeTable {
	from_id: string;
	into_id: string;
	merged_by: string | null;
	merged_at: Timestamp;
}

/** A correction suggested by anyone on a place or a structure (migration 2026-12-06-020). */
export interface DirectorySuggestionTable {
	id: string;
	target_kind: string; // place | structure
	/** directory_place.id, or the structure's id. */
	target_id: string;
	/** The place's or structure's name when the correction was suggested. */
	target_name: string;
	field: string;
	value: string;
	note: string;
	/** The suggester's address, if they gave one (moderators only). */
	email: string | null;
	status: string; // pending | accepted | refused
	created_at: Timestamp;
	decided_at: Timestamp | null;
	decided_by: string | null;
}

/** A correction accepted on a structure (gathered on read): the value that replaces the gathered one. */
export interface DirectoryStructureCorrectionTable {
	structure_id: string;
	field: string;
	value: string;
	updated_at: Timestamp;
}

/** A person attached to a structure of the directory (migration 2026-12-06-094). */
export interface DirectoryStructureMemberTable {
	/** The directory's id of the structure (`siret-…`, `rna-…`, `nom-…`). */
	structure_id: string;
	user_id: string;
	status: string; // pending | active
	/** What the person said when asking (who they are in the structure). */
	note: string;
	created_at: Timestamp;
	decided_at: Timestamp | null;
	decided_by: string | null;
}

export interface DirectoryTables {
	directory_place: DirectoryPlaceTable;
	directory_place_service: DirectoryPlaceServiceTable;
	directory_structure_merge: DirectoryStructureMergeTable;
	directory_suggestion: DirectorySuggestionTable;
	directory_structure_correction: DirectoryStructureCorrectionTable;
	directory_structure_member: DirectoryStructureMemberTable;
}
