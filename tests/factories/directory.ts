import type { SchemaRow } from '#lib/server/directory/lieux-schema.ts';
import { SCHEMA_FIELDS } from '#lib/server/directory/lieux-schema.ts';
import { stringify } from 'csv-stringify/sync';

let seq = 0;

/** A valid schema row: a place of digital mediation in Limoges, with every list field filled. */
export function placeRow(overrides: SchemaRow = {}): SchemaRow {
	seq += 1;
	return {
		id: `lieu-${seq}`,
		pivot: '21870085600016',
		nom: `Médiathèque Francophone ${seq}`,
		commune: 'Limoges',
		code_postal: '87000',
		code_insee: '87085',
		adresse: '2 place Aimé Césaire',
		latitude: '45.8336',
		longitude: '1.2611',
		typologie: 'BIB|MUNI',
		telephone: '+33555457000',
		courriels: 'bfm@exemple.fr',
		site_web: 'https://bfm.exemple.fr',
		horaires: 'Tu-Sa 10:00-18:00',
		presentation_resume: 'Ateliers numériques et aide aux démarches.',
		date_maj: '2026-11-02',
		services: 'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien',
		publics_specifiquement_adresses: 'Seniors',
		frais_a_charge: 'Gratuit',
		modalites_acces: 'Se présenter|Téléphoner',
		modalites_accompagnement: 'Accompagnement individuel|Dans un atelier collectif',
		fiche_acces_libre: 'https://acceslibre.exemple.fr/bfm',
		...overrides
	};
}

/** Rows as the schema's CSV (header in the schema's order). */
export function placesCsv(rows: SchemaRow[], columns: readonly string[] = SCHEMA_FIELDS): string {
	return stringify(
		rows.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? '')),
		{ header: true, columns: [...columns] }
	);
}
