import type { AppContext } from '../app.ts';

/**
 * Asks better-auth for a magic link (it queues the e-mail). Unknown addresses on a closed
 * instance are not revealed: the person sees the same answer either way.
 */
export async function requestMagicLink(app: Pick<AppContext, 'auth'>, email: string, next: string, headers: Headers): Promise<void> {
	try {
		await app.auth.api.signInMagicLink({ body: { email, callbackURL: next, errorCallbackURL: '/connexion' }, headers });
	} catch (e) {
		if (!(e instanceof Error && 'status' in e)) throw e;
		console.warn(`magic link refused for an address: ${(e as Error).message}`);
	}
}

/**
 * Starts the ProConnect sign-in and returns the provider's URL to send the person to. The state
 * and PKCE cookies are set on the response by better-auth's SvelteKit cookie plugin; the provider
 * sends the person back to `/api/auth/callback/proconnect`.
 */
export async function startProConnect(app: Pick<AppContext, 'auth'>, next: string, headers: Headers): Promise<string> {
	const { url } = await app.auth.api.signInSocial({
		body: { provider: 'proconnect', callbackURL: next, errorCallbackURL: '/connexion' },
		headers
	});
	if (!url) throw new Error('ProConnect did not return an authorisation URL');
	return url;
}
