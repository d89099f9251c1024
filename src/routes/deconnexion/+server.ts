import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Ends the session (a POST from the header's button). */
export const POST: RequestHandler = async ({ locals, request }) => {
	if (locals.user) await locals.app.auth.api.signOut({ headers: request.headers });
	redirect(303, '/connexion?deconnecte');
};
