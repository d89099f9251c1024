/**
 * ActivityPub with Fedify: the instance (`/ap/actors/instance`) and each organising structure
 * (`/ap/actors/siret-…`, `rna-…` or `s-<name>`) are actors with WebFinger, an outbox of their
 * public events, followers and keys; an event's public URL answers with its `Event` object when
 * asked for ActivityStreams. The inbox accepts follows (answered with Accept), and, from the
 * instances this one follows, Create/Update/Delete of events. Fedify signs what goes out and
 * verifies the HTTP signatures of what comes in (a forged or unsigned activity is refused).
 */
import { createFederation, exportJwk, generateCryptoKeyPair, importJwk, type Context, type Federation } from '@fedify/fedify';
import { Accept, Application, Create, Delete, Endpoints, Event as ApEvent, Follow, Organization, Undo, Update } from '@fedify/fedify/vocab';
import type { DbOrTx } from '../db/index.ts';
import { listOrganisersByEvent } from '../events/event.queries.ts';
import { withTx } from '../tx.ts';
import { INSTANCE_ACTOR, organiserIdentifier } from './actors.ts';
import { fromApEvent, toApEvent } from './event-object.ts';
import { DbKvStore } from './kv-store.ts';
import {
	countFollowers,
	deleteFollower,
	deleteRemoteEvent,
	findFollowedByActor,
	findPublicEventBySlug,
	insertKeyRow,
	listFollowerRows,
	listKeyRows,
	listPublicEventRows,
	refreshEventCount,
	setFollowedStatus,
	upsertFollower,
	upsertRemoteEvent
} from './activitypub.queries.ts';

export interface ApContextData {
	db: DbOrTx;
	publicUrl: string;
}

export type ApFederation = Federation<ApContextData>;

const KEY_KINDS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;

/** The actor's key pairs, made and stored on first use (one RSA for HTTP signatures, one Ed25519). */
async function keyPairsOf(db: DbOrTx, identifier: string): Promise<CryptoKeyPair[]> {
	let rows = await listKeyRows(db, identifier);
	if (rows.length < KEY_KINDS.length) {
		for (const kind of KEY_KINDS)
			if (!rows.some((r) => r.kind === kind)) {
				const pair = await generateCryptoKeyPair(kind);
				await insertKeyRow(db, {
					actor: identifier,
					kind,
					private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
					public_jwk: JSON.stringify(await exportJwk(pair.publicKey))
				});
			}
		rows = await listKeyRows(db, identifier);
	}
	const pairs: CryptoKeyPair[] = [];
	for (const kind of KEY_KINDS) {
		const row = rows.find((r) => r.kind === kind)!;
		pairs.push({
			privateKey: await importJwk(JSON.parse(row.private_jwk), 'private'),
			publicKey: await importJwk(JSON.parse(row.public_jwk), 'public')
		});
	}
	return pairs;
}

/** The organisers (by actor identifier) of public events, with their events' ids. */
async function listOrganiserActors(db: DbOrTx) {
	const events = await listPublicEventRows(db);
	const organisers = await listOrganisersByEvent(
		db,
		events.map((e) => e.id)
	);
	const byId = new Map<string, { name: string; eventIds: string[] }>();
	for (const e of events)
		for (const o of organisers.get(e.id) ?? []) {
			const id = organiserIdentifier(o);
			if (!id) continue;
			const entry = byId.get(id) ?? { name: o.name, eventIds: [] };
			if (!entry.eventIds.includes(e.id)) entry.eventIds.push(e.id);
			byId.set(id, entry);
		}
	return { events, organisers, byId };
}

function allowsPrivateAddresses(publicUrl: string): boolean {
	if (process.env.ACTIVITYPUB_ALLOW_PRIVATE_ADDRESSES === '1') return true;
	return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(publicUrl).hostname);
}

/** Creates this process's federation; `fetch` it from the request hook, `createContext` from jobs. */
export function createActivityPub(db: DbOrTx, publicUrl: string): ApFederation {
	const federation = createFederation<ApContextData>({
		kv: new DbKvStore(db),
		origin: publicUrl,
		// Loopback and private addresses are refused (no request to the inside of a network) unless
		// the instance itself runs on localhost (development, tests) or the operator allows it.
		allowPrivateAddress: allowsPrivateAddresses(publicUrl)
	});

	federation
		.setActorDispatcher('/ap/actors/{identifier}', async (ctx, identifier) => {
			const keys = await ctx.getActorKeyPairs(identifier);
			const common = {
				id: ctx.getActorUri(identifier),
				preferredUsername: identifier,
				inbox: ctx.getInboxUri(identifier),
				outbox: ctx.getOutboxUri(identifier),
				followers: ctx.getFollowersUri(identifier),
				endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
				url: new URL(identifier === INSTANCE_ACTOR ? `${publicUrl}/national` : publicUrl),
				publicKey: keys[0]?.cryptographicKey,
				assertionMethods: keys.map((k) => k.multikey),
				manuallyApprovesFollowers: false,
				discoverable: true
			};
			if (identifier === INSTANCE_ACTOR)
				return new Application({
					...common,
					name: `Maillage · ${new URL(publicUrl).host}`,
					summary: 'Les Numérique en Commun[s] locaux publiés sur cette instance de Maillage.'
				});
			const organiser = (await listOrganiserActors(ctx.data.db)).byId.get(identifier);
			if (!organiser) return null;
			return new Organization({ ...common, name: organiser.name, summary: 'Structure organisatrice de Numérique en Commun[s] locaux.' });
		})
		.setKeyPairsDispatcher((ctx, identifier) => keyPairsOf(ctx.data.db, identifier));

	federation.setObjectDispatcher(ApEvent, '/e/{slug}', async (ctx, { slug }) => {
		const row = await findPublicEventBySlug(ctx.data.db, slug);
		if (!row) return null;
		const organisers = (await listOrganisersByEvent(ctx.data.db, [row.id])).get(row.id) ?? [];
		return toApEvent(publicUrl, row, organisers, { actor: (id) => ctx.getActorUri(id), followers: ctx.getFollowersUri(INSTANCE_ACTOR) });
	});

	federation
		.setOutboxDispatcher('/ap/actors/{identifier}/outbox', async (ctx, identifier) => {
			const { events, organisers, byId } = await listOrganiserActors(ctx.data.db);
			const mine = identifier === INSTANCE_ACTOR ? events : events.filter((e) => byId.get(identifier)?.eventIds.includes(e.id));
			return {
				items: mine
					.slice()
					.reverse()
					.map((e) => {
						const object = toApEvent(publicUrl, e, organisers.get(e.id) ?? [], {
							actor: (id) => ctx.getActorUri(id),
							followers: ctx.getFollowersUri(identifier)
						});
						return new Create({
							id: new URL(`${object.id!.href}#create`),
							actor: ctx.getActorUri(identifier),
							object,
							to: object.toId,
							cc: ctx.getFollowersUri(identifier),
							published: object.published
						});
					})
			};
		})
		.setCounter(async (ctx, identifier) => {
			const { events, byId } = await listOrganiserActors(ctx.data.db);
			return identifier === INSTANCE_ACTOR ? events.length : (byId.get(identifier)?.eventIds.length ?? 0);
		});

	federation
		.setFollowersDispatcher('/ap/actors/{identifier}/followers', async (ctx, identifier) => ({
			items: (await listFollowerRows(ctx.data.db, identifier)).map((f) => ({
				id: new URL(f.follower_id),
				inboxId: new URL(f.inbox),
				endpoints: { sharedInbox: f.shared_inbox ? new URL(f.shared_inbox) : null }
			}))
		}))
		.setCounter((ctx, identifier) => countFollowers(ctx.data.db, identifier));

	federation
		.setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox')
		.on(Follow, async (ctx, follow) => {
			const target = ctx.parseUri(follow.objectId);
			if (target?.type !== 'actor' || !follow.actorId) return;
			const follower = await follow.getActor(ctx);
			if (!follower?.id || !follower.inboxId) return;
			await upsertFollower(ctx.data.db, {
				actor: target.identifier,
				follower_id: follower.id.href,
				inbox: follower.inboxId.href,
				shared_inbox: follower.endpoints?.sharedInbox?.href ?? null
			});
			await ctx.sendActivity(
				{ identifier: target.identifier },
				follower,
				new Accept({
					id: new URL(`#accept-${crypto.randomUUID()}`, ctx.getActorUri(target.identifier)),
					actor: ctx.getActorUri(target.identifier),
					object: follow
				})
			);
		})
		.on(Undo, async (ctx, undo) => {
			const object = await undo.getObject(ctx);
			if (!(object instanceof Follow) || !undo.actorId || object.actorId?.href !== undo.actorId.href) return;
			const target = ctx.parseUri(object.objectId);
			if (target?.type === 'actor') await deleteFollower(ctx.data.db, target.identifier, undo.actorId.href);
		})
		.on(Accept, async (ctx, accept) => {
			if (!accept.actorId) return;
			const followed = await findFollowedByActor(ctx.data.db, accept.actorId.href);
			if (followed) await setFollowedStatus(ctx.data.db, followed.id, 'ok', null);
		})
		.on(Create, (ctx, activity) => receiveEvent(ctx, activity))
		.on(Update, (ctx, activity) => receiveEvent(ctx, activity))
		.on(Delete, async (ctx, del) => {
			if (!del.actorId || !del.objectId) return;
			const followed = await findFollowedByActor(ctx.data.db, del.actorId.href);
			if (!followed) return;
			await withTx(ctx.data.db, async (tx) => {
				if (await deleteRemoteEvent(tx, followed.id, del.objectId!.href)) await refreshEventCount(tx, followed.id);
			});
		});

	return federation;
}

/** A Create or Update of an Event from a followed instance's actor: stored as one of its remote events. */
async function receiveEvent(ctx: Context<ApContextData>, activity: Create | Update): Promise<void> {
	if (!activity.actorId) return;
	const followed = await findFollowedByActor(ctx.data.db, activity.actorId.href);
	if (!followed) return;
	// Embedded in the signed activity, or fetched from its id (which must be on the instance's origin).
	const object = await activity.getObject(ctx).catch(() => null);
	if (!(object instanceof ApEvent)) return;
	const row = await fromApEvent(followed, object);
	if (!row) return;
	await withTx(ctx.data.db, async (tx) => {
		await upsertRemoteEvent(tx, row);
		await refreshEventCount(tx, followed.id);
	});
}
