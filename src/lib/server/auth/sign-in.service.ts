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
 * and PKCE cookies are set on the response by better-auth's SvelteKit cookie plugin.
 */
export async function startProConnect(app: Pick<AppContext, 'auth'>, next: string, headers: Headers): Promise<string> {
	// The generic OAuth endpoints exist only when ProConnect is configured, hence the loose type.
	const api = app.auth.api as unknown as {
		signInWithOAuth2(o: { body: Record<string, string>; headers: Headers }): Promise<{ url: string }>;
	};
	const { url } = await api.signInWithOAuth2({ body: { providerId: 'proconnect', callbackURL: next, errorCallbackURL: '/connexion' }, headers });
	return url;
}
