import { betterAuth } from 'better-auth';
import { magicLink } from 'better-auth/plugins/magic-link';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import type { DbHandle } from '../db/index.ts';
import type { Config } from '../config.ts';
import { fetchProConnectProfile } from './proconnect.ts';
import { sendMagicLinkMail } from './auth-mail.ts';

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' };

export interface AuthOptions {
	handle: DbHandle;
	config: Config;
	secret: string;
	/** Extra plugins that only the SvelteKit server adds (its cookie bridge). */
	plugins?: unknown[];
	/** Called with each magic link after it is queued: the demo prints it. */
	onMagicLink?: (email: string, url: string) => void;
}

/**
 * better-auth on our own tables (snake_case columns, created by our migrations): magic-link
 * sign-in, and ProConnect when the instance is configured for it. No passwords.
 */
export function createAuth(options: AuthOptions) {
	const { handle, config } = options;
	const plugins = [
		magicLink({
			expiresIn: 15 * 60,
			disableSignUp: config.signup === 'closed',
			async sendMagicLink({ email, url }) {
				await sendMagicLinkMail(handle.db, email, url);
				options.onMagicLink?.(email, url);
			}
		}),
		...(config.proConnect
			? [
					genericOAuth({
						config: [
							{
								providerId: 'proconnect',
								discoveryUrl: `${config.proConnect.issuer}/.well-known/openid-configuration`,
								clientId: config.proConnect.clientId,
								clientSecret: config.proConnect.clientSecret,
								scopes: ['openid', 'email', 'given_name', 'usual_name'],
								pkce: true,
								getUserInfo: (tokens) => fetchProConnectProfile(config.proConnect!, tokens.accessToken!)
							}
						]
					})
				]
			: []),
		...((options.plugins ?? []) as [])
	];
	return betterAuth({
		appName: 'Maillage',
		baseURL: config.publicUrl,
		basePath: '/api/auth',
		secret: options.secret,
		trustedOrigins: [config.publicUrl],
		database: { db: handle.db, type: handle.dialect },
		emailAndPassword: { enabled: false },
		user: { fields: { emailVerified: 'email_verified', ...timestamps } },
		session: {
			modelName: 'auth_session',
			fields: { expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', userId: 'user_id', ...timestamps },
			expiresIn: 60 * 60 * 24 * 30,
			updateAge: 60 * 60 * 24
		},
		account: {
			fields: {
				accountId: 'account_id',
				providerId: 'provider_id',
				userId: 'user_id',
				accessToken: 'access_token',
				refreshToken: 'refresh_token',
				idToken: 'id_token',
				accessTokenExpiresAt: 'access_token_expires_at',
				refreshTokenExpiresAt: 'refresh_token_expires_at',
				...timestamps
			},
			// A ProConnect agent whose e-mail already has a Maillage account gets that account. Accounts
			// an administrator adds (ensureUser) are not e-mail-verified yet, and better-auth would refuse
			// to link them; no one else can create an unverified account here (no passwords, and magic
			// links verify the address), so the pre-registration takeover that check guards against
			// cannot happen.
			accountLinking: { enabled: true, trustedProviders: ['proconnect'], requireLocalEmailVerified: false }
		},
		verification: { fields: { expiresAt: 'expires_at', ...timestamps } },
		advanced: {
			useSecureCookies: config.publicUrl.startsWith('https://'),
			database: { generateId: () => crypto.randomUUID() }
		},
		telemetry: { enabled: false },
		plugins
	});
}

export type Auth = ReturnType<typeof createAuth>;
