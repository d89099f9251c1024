/**
 * The form actions and load of a needs-and-offers board, shared by its three pages (a
 * participant's private link, the signed-in people's /reseau, the team's read-only view): each
 * page says who acts and where to come back.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formAction, pageError, serviceContext } from '../route-helpers.ts';
import { listDepartements } from '../territory/territory.ts';
import { ForbiddenError } from '../validation.ts';
import { textFormValues } from './network.form.ts';
import type { NetworkWho } from './network-viewer.ts';
import { answerContact, createPost, deletePost, listMyContacts, listPosts, requestContact, updatePost } from './post.service.ts';
import { readVersion } from '../edit-version.ts';

type Resolve = (event: RequestEvent) => { who: NetworkWho; slug?: string; back: string };

const FILTERS = ['kind', 'category', 'theme', 'departement', 'q'];
const POST_KEYS = ['kind', 'category', 'title', 'description', 'theme', 'departement', 'endsOn'];

/** The board, the person's contact requests (not for the team) and the choices of the forms. */
export async function loadBoard(event: RequestEvent, resolve: Resolve) {
	const { who, slug } = resolve(event);
	const ctx = serviceContext(event.locals);
	const filter = Object.fromEntries(FILTERS.map((k) => [k, event.url.searchParams.get(k) ?? undefined]));
	const departements = listDepartements().map((d) => ({ code: d.code, name: d.name }));
	try {
		const board = await listPosts(ctx, who, slug, filter);
		const contacts = 'token' in who || slug === undefined ? await listMyContacts(ctx, who) : null;
		return { optInNeeded: false, board, contacts, filter, departements, done: event.url.searchParams.get('fait') };
	} catch (e) {
		if (e instanceof ForbiddenError) return { optInNeeded: true, board: null, contacts: null, filter, departements, done: null };
		throw pageError(e, event.locals.t);
	}
}

/** Publish, edit (at the version the form was loaded with), remove, ask to be put in touch, answer. */
export function boardActions(resolve: Resolve) {
	const run = async (
		event: RequestEvent,
		keys: string[],
		call: (who: NetworkWho, values: Record<string, string>) => Promise<unknown>,
		done: string
	) => {
		const { who, back } = resolve(event);
		const values = textFormValues(await event.request.formData(), keys);
		const res = await formAction(event.locals, values, () => call(who, values));
		if (!res.ok) return res.failure;
		redirect(303, `${back}?fait=${done}`);
	};
	const ctx = (event: RequestEvent) => serviceContext(event.locals);
	return {
		publier: (event: RequestEvent) => run(event, POST_KEYS, (who, v) => createPost(ctx(event), who, v), 'posted'),
		modifierAnnonce: (event: RequestEvent) =>
			run(
				event,
				[...POST_KEYS, 'postId', 'version'],
				(who, { postId, version, ...v }) => updatePost(ctx(event), who, postId, v, readVersion(version)),
				'updated'
			),
		retirerAnnonce: (event: RequestEvent) => run(event, ['postId'], (who, v) => deletePost(ctx(event), who, v.postId), 'deleted'),
		contacter: (event: RequestEvent) =>
			run(event, ['postId', 'message'], (who, v) => requestContact(ctx(event), who, v.postId, { message: v.message }), 'contacted'),
		repondre: async (event: RequestEvent) => {
			const form = await event.request.clone().formData();
			const accept = form.get('decision') === 'accept';
			return run(event, ['contactId'], (who, v) => answerContact(ctx(event), who, v.contactId, accept), accept ? 'accepted' : 'declined');
		}
	};
}
