/** Factories for the network: an event with registered participants and their private links. */
import type { ServiceContext } from '#lib/server/events/event.service.ts';
import type { Actor } from '#lib/server/auth/permissions.ts';
import { registerParticipant } from '#lib/server/registrations/registration.service.ts';
import { newUser } from './index.ts';
import { newPublishedEvent, registrationInput } from './registrations.ts';

export interface NetworkParticipant {
	id: string;
	token: string;
	name: string;
}

/** Registers one participant to `slug` and returns their registration id, private token and name. */
export async function newParticipant(
	ctx: ServiceContext,
	slug: string,
	overrides: Record<string, unknown> = {}
): Promise<NetworkParticipant> {
	const input = registrationInput(overrides);
	const res = await registerParticipant(ctx, null, slug, input);
	return { id: res.id, token: res.manageToken!, name: `${input.firstName} ${input.lastName}` };
}

/** A published event (10–11 June 2027) with its owner and `count` registered participants. */
export async function newNetworkEvent(ctx: ServiceContext, count = 2, overrides: Record<string, unknown> = {}) {
	const owner = (await newUser(ctx.db)) as NonNullable<Actor>;
	const event = await newPublishedEvent(ctx.db, owner, overrides);
	const people: NetworkParticipant[] = [];
	for (let i = 0; i < count; i++) people.push(await newParticipant(ctx, event.slug));
	return { owner, event, people };
}
