/**
 * The national schema "lieux de médiation numérique" (Table Schema by La MedNum, v1.0.1 and
 * v1.0.2): its columns in their order and its enumerations, taken from the ANCT's library
 * (`@gouvfr-anct/lieux-de-mediation-numerique`), the reference implementation of the schema.
 */
import {
	DispositifProgrammeNational,
	FormationLabel,
	Frais,
	Itinerance,
	ModaliteAcces,
	ModaliteAccompagnement,
	PriseEnChargeSpecifique,
	PublicSpecifiquementAdresse,
	Service,
	Typologie
} from '@gouvfr-anct/lieux-de-mediation-numerique';

/** The schema's columns, in the order of its CSV. */
export const SCHEMA_FIELDS = [
	'id',
	'pivot',
	'nom',
	'commune',
	'code_postal',
	'code_insee',
	'adresse',
	'complement_adresse',
	'latitude',
	'longitude',
	'typologie',
	'telephone',
	'courriels',
	'site_web',
	'horaires',
	'presentation_resume',
	'presentation_detail',
	'source',
	'itinerance',
	'structure_parente',
	'date_maj',
	'services',
	'publics_specifiquement_adresses',
	'prise_en_charge_specifique',
	'frais_a_charge',
	'dispositif_programmes_nationaux',
	'formations_labels',
	'autres_formations_labels',
	'modalites_acces',
	'modalites_accompagnement',
	'fiche_acces_libre',
	'prise_rdv'
] as const;
export type SchemaField = (typeof SCHEMA_FIELDS)[number];

/** A place as the schema's CSV writes it: text values, lists joined by `|`, absent when empty. */
export type SchemaRow = Partial<Record<SchemaField, string>>;

/** Required by the schema; `services` too, because the national tools refuse a place without one. */
export const REQUIRED_FIELDS: SchemaField[] = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj', 'services'];

const values = (e: Record<string, string>) => Object.values(e);

/** Enumerated fields (all are `|`-separated lists in the CSV) and their allowed values. */
export const ENUMERATIONS: Partial<Record<SchemaField, readonly string[]>> = {
	services: values(Service),
	publics_specifiquement_adresses: values(PublicSpecifiquementAdresse),
	prise_en_charge_specifique: values(PriseEnChargeSpecifique),
	frais_a_charge: values(Frais),
	itinerance: values(Itinerance),
	modalites_acces: values(ModaliteAcces),
	modalites_accompagnement: values(ModaliteAccompagnement),
	dispositif_programmes_nationaux: values(DispositifProgrammeNational),
	formations_labels: values(FormationLabel),
	typologie: values(Typologie)
};

/** The nine services, in the schema's order of presentation. */
export const SERVICES: readonly string[] = [
	Service.AideAuxDemarchesAdministratives,
	Service.MaitriseDesOutilsNumeriquesDuQuotidien,
	Service.InsertionProfessionnelleViaLeNumerique,
	Service.UtilisationSecuriseeDuNumerique,
	Service.ParentaliteEtEducationAvecLeNumerique,
	Service.LoisirsEtCreationsNumeriques,
	Service.ComprehensionDuMondeNumerique,
	Service.AccesInternetEtMaterielInformatique,
	Service.MaterielInformatiqueAPrixSolidaire
];

/**
 * « Étapes numériques (La Poste) »: v1.0.2's pattern writes it without the space, v1.0.1 does not
 * know it. Both spellings are read; the export writes it in `autres_formations_labels`, which
 * both versions accept.
 */
export const ETAPES_NUMERIQUES = FormationLabel.EtapesNumeriques as string;
export const ETAPES_NUMERIQUES_V102 = 'Étapes numériques(La Poste)';
