/**
 * The national side: following another instance over ActivityPub. Following stores the
 * instance (federation.service.ts), then this instance's actor sends a Follow to the instance's
 * actor and reads its outbox once, so that the events published before the follow appear too;
 * the Accept marks it `ok`, and the Create/Update/Delete that follow keep its events current.
 */
import { Create, Follow, Undo, Event as ApEvent, type Actor as ApActor, isActor } from '@fedify/fedify/vocab';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { findInstanceById, type FollowedInstanceRow } from '../federation/federation.queries.ts';
import { followInstance, syncInstanceNow, unfollowInstance, type InstanceView } from '../federation/federation.service.ts';
import { withTx } from '../tx.ts';
import type { Context } from '@fedify/fedify';
import type { ApContextData, ApFederation } from './activitypub.ts';
import { refreshEventCount, setFollowedStatus, upsertRemoteEvent } from './activitypub.queries.ts';
import { INSTANCE_ACTOR } from './actors.ts';
import { fromApEvent } from './event-object.ts';

const MAX_BACKFILL = 2_000;

function followOf(ctx: Context<ApContextData>, instance: FollowedInstanceRow): Follow {
	return new Follow({
		id: new URL(`${ctx.getActorUri(INSTANCE_ACTOR).href}#follow-${instance.id}`),
		actor: ctx.getActorUri(INSTANCE_ACTOR),
		object: new URL(instance.actor_url!)
	});
}

/** Sends the Follow and reads the outbox; a failure is recorded on the instance (status `error`). */
export async function askToFollow(ctx: ServiceContext, federation: ApFederation, instanceId: string): Promise<void> {
	const instance = await findInstanceById(ctx.db, instanceId);
	if (!instance || instance.protocol !== 'activitypub' || !instance.actor_url) return;
	const ap: Context<ApContextData> = federation.createContext(new URL(ctx.publicUrl), { db: ctx.db, publicUrl: ctx.publicUrl });
	try {
		const remote = await ap.lookupObject(instance.actor_url);
		if (!remote || !isActor(remote) || !remote.id) throw new Error('no ActivityPub actor at this address');
		await ap.sendActivity({ identifier: INSTANCE_ACTOR }, remote as ApActor, followOf(ap, instance));
		await backfill(ctx, ap, instance, remote as ApActor);
	} catch (e) {
		await setFollowedStatus(ctx.db, instance.id, 'error', (e instanceof Error ? e.message : String(e)).slice(0, 300));
	}
}

async function backfill(ctx: ServiceContext, ap: Context<ApContextData>, instance: FollowedInstanceRow, remote: ApActor) {
	const outbox = await remote.getOutbox(ap);
	if (!outbox) return;
	let n = 0;
	await withTx(ctx.db, async (tx) => {
		for await (const item of ap.traverseCollection(outbox, { suppressError: true })) {
			if (++n > MAX_BACKFILL) break;
			if (!(item instanceof Create) || item.actorId?.href !== instance.actor_url) continue;
			const object = await item.getObject(ap).catch(() => null);
			if (!(object instanceof ApEvent)) continue;
			const row = await fromApEvent(instance, object);
			if (row) await upsertRemoteEvent(tx, row);
		}
		await refreshEventCount(tx, instance.id);
	});
}

/** Follows an instance (administrators only); over ActivityPub, the Follow goes out at once. */
export async function followInstanceWithActivityPub(
	ctx: ServiceContext,
	federation: ApFederation,
	actor: Actor,
	input: unknown
): Promise<InstanceView> {
	const view = await followInstance(ctx, actor, input);
	if (view.protocol !== 'activitypub') return view;
	await askToFollow(ctx, federation, view.id);
	const row = await findInstanceById(ctx.db, view.id);
	return { ...view, status: row!.status, error: row!.error, events: Number(row!.event_count) };
}

/** Stops following; over ActivityPub, an Undo of the Follow tells the other instance (best effort). */
export async function unfollowInstanceWithActivityPub(
	ctx: ServiceContext,
	federation: ApFederation,
	actor: Actor,
	id: string
): Promise<void> {
	const instance = await findInstanceById(ctx.db, id);
	await unfollowInstance(ctx, actor, id);
	if (instance?.protocol !== 'activitypub' || !instance.actor_url) return;
	const ap: Context<ApContextData> = federation.createContext(new URL(ctx.publicUrl), { db: ctx.db, publicUrl: ctx.publicUrl });
	try {
		const remote = await ap.lookupObject(instance.actor_url);
		if (remote && isActor(remote))
			await ap.sendActivity(
				{ identifier: INSTANCE_ACTOR },
				remote as ApActor,
				new Undo({
					id: new URL(`${ap.getActorUri(INSTANCE_ACTOR).href}#undo-${instance.id}`),
					actor: ap.getActorUri(INSTANCE_ACTOR),
					object: followOf(ap, instance)
				})
			);
	} catch {
		// The other instance is unreachable: it keeps a follower that no longer reads it.
	}
}

/** « Read now »: a JSON feed is read again; over ActivityPub, the Follow is sent again and the outbox read. */
export async function syncInstanceWithActivityPub(
	ctx: ServiceContext,
	federation: ApFederation,
	actor: Actor,
	id: string
): Promise<InstanceView> {
	const view = await syncInstanceNow(ctx, actor, id);
	if (view.protocol !== 'activitypub') return view;
	await askToFollow(ctx, federation, id);
	const row = await findInstanceById(ctx.db, id);
	return { ...view, status: row!.status, error: row!.error, events: Number(row!.event_count) };
}
