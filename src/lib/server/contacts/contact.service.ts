/**
 * An event's contact lists: created empty, imported from a CSV, typed by hand, or copied from a
 * list of an earlier event of the same team. Every contact records where it came from and the
 * legal basis of writing to it. An address unsubscribed from "that organiser" (see
 * selectSuppressedEmails) is never added again, whatever list it is imported into.
 */
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { eventForPreparation } from '../planning/event-access.ts';
import { withTx } from '../tx.ts';
import { NotFoundError, ValidationError, parseOrThrow } from '../validation.ts';
import {
	contactsFromRows,
	decodeCsv,
	guessMapping,
	MAX_IMPORT_ROWS,
	readCsv,
	CONTACT_FIELDS,
	type ColumnMapping,
	type ContactCells,
	type RefusedRow
} from './contact-csv.ts';
import {
	deleteContactRow,
	findContactList,
	findContactListById,
	findEventSlug,
	insertContactList,
	listContactListRows,
	listContactRows,
	listReusableListRows,
	selectSuppressedEmails,
	upsertContacts,
	type ContactRow
} from './contact.queries.ts';
import { contactInputSchema, contactListInputSchema, LEGAL_BASES, type LegalBasis } from './contact.schema.ts';
import { toIso } from '../db/time.ts';
import type { DbOrTx } from '../db/index.ts';

export interface ContactListView {
	id: string;
	name: string;
	contacts: number;
	createdAt: string;
}

export interface ContactView {
	id: string;
	email: string;
	firstName: string;
	lastName: string;
	structure: string;
	role: string;
	territory: string;
	source: string;
	legalBasis: LegalBasis;
}

export interface ImportReport {
	lines: number;
	imported: number;
	merged: number;
	encoding: 'utf-8' | 'windows-1252';
	refused: RefusedRow[];
}

function toContactView(r: ContactRow): ContactView {
	return {
		id: r.id,
		email: r.email,
		firstName: r.first_name,
		lastName: r.last_name,
		structure: r.structure,
		role: r.role,
		territory: r.territory,
		source: r.source,
		legalBasis: r.legal_basis as LegalBasis
	};
}

/** The event's contact lists and, for copying, the lists of the actor's other events. */
export async function listContactLists(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const lists: ContactListView[] = (await listContactListRows(ctx.db, event.id)).map((r) => ({
		id: r.id,
		name: r.name,
		contacts: r.n,
		createdAt: toIso(r.created_at)
	}));
	const reusable = actor ? await listReusableListRows(ctx.db, actor.id, event.id) : [];
	return { event: { id: event.id, slug: event.slug, title: event.title, role }, lists, reusable };
}

/** Creates an empty list. */
export async function createContactList(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<ContactListView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const data = parseOrThrow(contactListInputSchema, input);
	const row = { id: crypto.randomUUID(), event_id: event.id, name: data.name, created_at: new Date().toISOString() };
	await insertContactList(ctx.db, row);
	return { id: row.id, name: row.name, contacts: 0, createdAt: row.created_at };
}

async function listOf(db: DbOrTx, actor: Actor, slug: string, listId: string, action: 'view' | 'edit') {
	const { event } = await eventForPreparation(db, actor, slug, action);
	const list = await findContactList(db, event.id, listId);
	if (!list) throw new NotFoundError('contact list');
	return { event, list };
}

/** A list with its first 500 contacts (by name). */
export async function getContactList(ctx: ServiceContext, actor: Actor, slug: string, listId: string) {
	const { list } = await listOf(ctx.db, actor, slug, listId, 'view');
	const all = await listContactListRows(ctx.db, list.event_id);
	const contacts = (await listContactRows(ctx.db, list.id, 500)).map(toContactView);
	return { id: list.id, name: list.name, total: all.find((l) => l.id === list.id)?.n ?? 0, contacts };
}

function contactRow(listId: string, c: ContactCells, source: string, legalBasis: LegalBasis, nowIso: string) {
	return {
		id: crypto.randomUUID(),
		list_id: listId,
		email: c.email,
		first_name: c.firstName,
		last_name: c.lastName,
		structure: c.structure,
		role: c.role,
		territory: c.territory,
		source,
		legal_basis: legalBasis,
		created_at: nowIso
	};
}

/** Adds one contact by hand (merged with the list's contact of the same address); refused when unsubscribed. */
export async function addContact(ctx: ServiceContext, actor: Actor, slug: string, listId: string, input: unknown): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event, list } = await listOf(tx, actor, slug, listId, 'edit');
		const data = parseOrThrow(contactInputSchema, input);
		if ((await selectSuppressedEmails(tx, event.id)).has(data.email))
			throw new ValidationError([{ field: 'email', message: 'contacts.refused.unsubscribed' }]);
		await upsertContacts(tx, [contactRow(list.id, data, 'manual', data.legalBasis, new Date().toISOString())]);
	});
}

/** Adds many contacts at once (the API's JSON import): each is checked, the report says which were refused. */
export async function addContacts(ctx: ServiceContext, actor: Actor, slug: string, listId: string, input: unknown): Promise<ImportReport> {
	const body = input as { contacts?: unknown };
	if (
		!body ||
		typeof body !== 'object' ||
		!Array.isArray(body.contacts) ||
		body.contacts.length === 0 ||
		body.contacts.length > MAX_IMPORT_ROWS
	)
		throw new ValidationError([{ field: 'contacts', message: 'contacts.import.contactsArray', params: { max: MAX_IMPORT_ROWS } }]);
	const rows = (body.contacts as unknown[]).map((c) => {
		const o = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
		return CONTACT_FIELDS.map((f) => (typeof o[f] === 'string' ? (o[f] as string) : ''));
	});
	const mapping = Object.fromEntries(CONTACT_FIELDS.map((f, i) => [f, i])) as ColumnMapping;
	return importRows(ctx, actor, slug, listId, rows, mapping, { source: 'api', legalBasis: 'professional', encoding: 'utf-8' });
}

export interface CsvPreview {
	encoding: 'utf-8' | 'windows-1252';
	/** The file as UTF-8 text, kept by the mapping step's form. */
	text: string;
	header: string[];
	sample: string[][];
	lines: number;
	mapping: ColumnMapping;
}

/** Reads an uploaded file for the mapping screen: its columns, a few rows and the guessed mapping. */
export function previewContactCsv(bytes: Uint8Array): CsvPreview {
	const { text, encoding } = decodeCsv(bytes);
	const { header, rows } = readCsvOrThrow(text);
	return { encoding, text, header, sample: rows.slice(0, 3), lines: rows.length, mapping: guessMapping(header) };
}

function readCsvOrThrow(text: string) {
	try {
		return readCsv(text);
	} catch (e) {
		throw new ValidationError([{ field: 'file', message: e instanceof Error ? e.message : 'contacts.import.unreadable' }]);
	}
}

/**
 * Imports a CSV file (bytes, any of the accepted encodings) into a list with the given column
 * mapping (guessed from the header when none is given). Rows without a valid address, too long,
 * or unsubscribed are refused with their reason; the others are added or merged by address.
 */
export async function importContacts(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	listId: string,
	file: { bytes: Uint8Array; name?: string },
	options: { mapping?: ColumnMapping; legalBasis?: string } = {}
): Promise<ImportReport> {
	const { text, encoding } = decodeCsv(file.bytes);
	const { header, rows } = readCsvOrThrow(text);
	const mapping = options.mapping ?? guessMapping(header);
	if (mapping.email === undefined || mapping.email >= header.length)
		throw new ValidationError([{ field: 'mapping.email', message: 'contacts.import.emailColumn' }]);
	const legalBasis = (LEGAL_BASES as readonly string[]).includes(options.legalBasis ?? '') ? (options.legalBasis as LegalBasis) : null;
	if (!legalBasis) throw new ValidationError([{ field: 'legalBasis', message: 'errors.invalidChoice' }]);
	return importRows(ctx, actor, slug, listId, rows, mapping, {
		source: `import:${(file.name ?? 'fichier.csv').slice(0, 100)}`,
		legalBasis,
		encoding
	});
}

async function importRows(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	listId: string,
	rows: string[][],
	mapping: ColumnMapping,
	options: { source: string; legalBasis: LegalBasis; encoding: 'utf-8' | 'windows-1252' }
): Promise<ImportReport> {
	if (rows.length === 0) throw new ValidationError([{ field: 'file', message: 'contacts.import.empty' }]);
	if (rows.length > MAX_IMPORT_ROWS)
		throw new ValidationError([{ field: 'file', message: 'contacts.import.tooMany', params: { max: MAX_IMPORT_ROWS } }]);
	return withTx(ctx.db, async (tx) => {
		const { event, list } = await listOf(tx, actor, slug, listId, 'edit');
		const { contacts, refused, merged } = contactsFromRows(rows, mapping, await selectSuppressedEmails(tx, event.id));
		const nowIso = new Date().toISOString();
		await upsertContacts(
			tx,
			contacts.map((c) => contactRow(list.id, c, options.source, options.legalBasis, nowIso))
		);
		return { lines: rows.length, imported: contacts.length, merged, encoding: options.encoding, refused };
	});
}

/** Copies a list of another event of the actor's into this event (unsubscribed addresses left out). */
export async function copyContactList(ctx: ServiceContext, actor: Actor, slug: string, sourceListId: string): Promise<ContactListView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const source = await findContactListById(tx, sourceListId);
		if (!source) throw new NotFoundError('contact list');
		const { event: sourceEvent } = await eventForPreparationById(tx, actor, source.event_id);
		const suppressed = await selectSuppressedEmails(tx, event.id);
		const rows = (await listContactRows(tx, source.id, MAX_IMPORT_ROWS)).filter((r) => !suppressed.has(r.email));
		const nowIso = new Date().toISOString();
		const list = {
			id: crypto.randomUUID(),
			event_id: event.id,
			name: `${source.name} (${sourceEvent.title})`.slice(0, 120),
			created_at: nowIso
		};
		await insertContactList(tx, list);
		await upsertContacts(
			tx,
			rows.map((r) => ({
				...r,
				id: crypto.randomUUID(),
				list_id: list.id,
				source: `copy:${source.name}`.slice(0, 200),
				created_at: nowIso
			}))
		);
		return { id: list.id, name: list.name, contacts: rows.length, createdAt: nowIso };
	});
}

async function eventForPreparationById(db: DbOrTx, actor: Actor, eventId: string) {
	const slug = await findEventSlug(db, eventId);
	if (!slug) throw new NotFoundError('event');
	return eventForPreparation(db, actor, slug, 'view');
}

/** Removes one contact from a list. */
export async function deleteContact(ctx: ServiceContext, actor: Actor, slug: string, listId: string, contactId: string): Promise<void> {
	const { list } = await listOf(ctx.db, actor, slug, listId, 'edit');
	if (!(await deleteContactRow(ctx.db, list.id, contactId))) throw new NotFoundError('contact');
}
