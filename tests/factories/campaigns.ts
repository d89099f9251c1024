/** Factories for contacts and campaigns. */
import type { DbOrTx } from '#lib/server/db/index.ts';
import type { Actor } from '#lib/server/auth/permissions.ts';
import type { ServiceContext } from '#lib/server/events/event.service.ts';
import { addContact, createContactList } from '#lib/server/contacts/contact.service.ts';

/** A contact list of `slug` holding `emails` (professional contacts). */
export async function newContactList(ctx: ServiceContext, actor: Actor, slug: string, emails: string[], name = 'Partenaires') {
	const list = await createContactList(ctx, actor, slug, { name });
	for (const [i, email] of emails.entries())
		await addContact(ctx, actor, slug, list.id, { email, firstName: `Prénom${i}`, lastName: `Nom${i}` });
	return list;
}

/** Marks a registration checked in on a half-day, as the welcome desk does. */
export async function newCheckin(db: DbOrTx, eventId: string, registrationId: string, halfDay = '2027-06-10:am'): Promise<void> {
	await db
		.insertInto('checkin')
		.values({
			registration_id: registrationId,
			half_day: halfDay,
			event_id: eventId,
			checked_in_at: new Date().toISOString(),
			checked_in_by: null,
			method: 'search'
		})
		.execute();
}

/** Windows-1252 bytes of `text` (the characters used by French spreadsheets). */
export function windows1252(text: string): Uint8Array {
	const table: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c, '…': 0x85, '–': 0x96, '—': 0x97 };
	return Uint8Array.from([...text].map((c) => table[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

/** A free campaign to `lists`, sent by hand (the body of `POST /events/{slug}/campaigns`). */
export function freeCampaignInput(lists: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		kind: 'free',
		name: 'Annonce',
		subject: 'Bonjour',
		body: 'Le programme est en ligne.',
		audience: { lists },
		schedule: { anchor: 'manual' },
		...overrides
	};
}
