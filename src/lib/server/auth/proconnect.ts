import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ProConnectConfig } from '../config.ts';

interface Discovery {
	issuer: string;
	userinfo_endpoint: string;
	jwks_uri: string;
}

export type ProConnectProfile = {
	id: string;
	email: string;
	name: string;
	emailVerified: boolean;
	[claim: string]: unknown;
};

/**
 * Reads the signed-in agent's identity from the provider's userinfo endpoint. ProConnect answers
 * with a signed JWT (`application/jwt`), which we verify against the provider's keys; a plain
 * OpenID provider answers JSON, which we accept as it comes over the authenticated channel.
 */
export async function fetchProConnectProfile(config: ProConnectConfig, accessToken: string): Promise<ProConnectProfile | null> {
	const discovery = (await (await fetch(`${config.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
	const res = await fetch(discovery.userinfo_endpoint, {
		headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json, application/jwt' }
	});
	if (!res.ok) return null;
	let claims: Record<string, unknown>;
	if ((res.headers.get('content-type') ?? '').includes('application/jwt')) {
		const jwt = await res.text();
		const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer });
		claims = payload as Record<string, unknown>;
	} else {
		claims = (await res.json()) as Record<string, unknown>;
	}
	const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
	if (!email || typeof claims.sub !== 'string') return null;
	const given = typeof claims.given_name === 'string' ? claims.given_name : '';
	const family =
		typeof claims.usual_name === 'string' ? claims.usual_name : typeof claims.family_name === 'string' ? claims.family_name : '';
	const name = `${given} ${family}`.trim() || (typeof claims.name === 'string' ? claims.name : email);
	return { id: claims.sub, email, name, emailVerified: true };
}
