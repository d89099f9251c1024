/**
 * Sends the instance's public events to its followers: Create when an event becomes public,
 * Update when it changes, Delete when it is no longer public (unpublished, back to draft, or
 * deleted). `ap_announced` holds what was last sent; each change is claimed with a conditional
 * write, so that two processes sharing a database send it once. Runs as a periodic job
 * (announce.jobs.ts); the events area needs no hook.
 */
import { Create, Delete, Tombstone, Update } from '@fedify/fedify/vocab';
import type { DbOrTx } from '../db/index.ts';
import type { Context } from '@fedify/fedify';
import type { ApContextData, ApFederation } from './activitypub.ts';
import { claimCreate, claimDelete, claimUpdate } from './activitypub.queries.ts';
import type { AnnouncementChanges } from './actors.ts';
import { instant, toApEvent } from './event-object.ts';

export interface AnnounceResult {
	created: number;
	updated: number;
	deleted: number;
}

/** Sends `changes` (listAnnouncementChanges) to every follower, each claimed first. */
export async function announceEvents(federation: ApFederation, data: ApContextData, changes: AnnouncementChanges): Promise<AnnounceResult> {
	const ctx: Context<ApContextData> = federation.createContext(new URL(data.publicUrl), data);
	const db: DbOrTx = data.db;
	const result: AnnounceResult = { created: 0, updated: 0, deleted: 0 };
	const send = async (identifiers: string[], activity: (identifier: string) => Create | Update | Delete) => {
		for (const identifier of identifiers)
			await ctx.sendActivity({ identifier }, 'followers', activity(identifier), {
				preferSharedInbox: true,
				excludeBaseUris: [new URL(data.publicUrl)]
			});
	};
	const stamp = Date.now();
	for (const { event: e, organisers: orgs, version, actors, before } of changes.changed) {
		const object = (identifier: string) =>
			toApEvent(data.publicUrl, e, orgs, { actor: (id) => ctx.getActorUri(id), followers: ctx.getFollowersUri(identifier) });
		if (!before) {
			if (!(await claimCreate(db, { event_id: e.id, object_id: object(actors[0]).id!.href, actors: JSON.stringify(actors), version })))
				continue;
			await send(actors, (identifier) => {
				const o = object(identifier);
				return new Create({ id: new URL(`${o.id!.href}#create`), actor: ctx.getActorUri(identifier), object: o, to: o.toId, cc: o.ccId });
			});
			result.created++;
		} else {
			if (!(await claimUpdate(db, before.version, { event_id: e.id, actors: JSON.stringify(actors), version }))) continue;
			// Structures no longer among the organisers tell their followers the event is gone from them.
			const gone = (JSON.parse(before.actors) as string[]).filter((a) => !actors.includes(a));
			await send(actors, (identifier) => {
				const o = object(identifier);
				return new Update({
					id: new URL(`${o.id!.href}#update-${stamp}`),
					actor: ctx.getActorUri(identifier),
					object: o,
					to: o.toId,
					cc: o.ccId
				});
			});
			await send(gone, (identifier) => deletion(ctx, identifier, before.object_id, stamp));
			result.updated++;
		}
	}
	// What was announced and is no longer public.
	for (const gone of changes.gone) {
		if (!(await claimDelete(db, gone.event_id, gone.version))) continue;
		await send(JSON.parse(gone.actors) as string[], (identifier) => deletion(ctx, identifier, gone.object_id, stamp));
		result.deleted++;
	}
	return result;
}

function deletion(ctx: Context<ApContextData>, identifier: string, objectId: string, stamp: number): Delete {
	return new Delete({
		id: new URL(`${objectId}#delete-${stamp}`),
		actor: ctx.getActorUri(identifier),
		object: new Tombstone({ id: new URL(objectId), deleted: instant(new Date()) }),
		to: new URL('https://www.w3.org/ns/activitystreams#Public'),
		cc: ctx.getFollowersUri(identifier)
	});
}
