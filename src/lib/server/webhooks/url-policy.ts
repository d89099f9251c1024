/**
 * Which addresses a webhook may be sent to (SSRF): `https://` only, or `http://localhost` when
 * the instance allows it (`WEBHOOK_ALLOW_LOCALHOST=1`, for development and tests); and never to a
 * private, loopback, link-local or otherwise non-public address once the name is resolved. The
 * check runs when the URL is registered and again before every delivery (a name may be
 * re-pointed), and the delivery connects to the address that was checked.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const BLOCKED = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const)
	BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
	['::', 128],
	['::1', 128],
	['::ffff:0:0', 96],
	['64:ff9b::', 96],
	['100::', 64],
	['2001:db8::', 32],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const)
	BLOCKED.addSubnet(net, prefix, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export interface UrlPolicy {
	allowLocalhost: boolean;
}

/** The policy of this process (`WEBHOOK_ALLOW_LOCALHOST=1` allows http://localhost). */
export function webhookUrlPolicy(env: NodeJS.ProcessEnv = process.env): UrlPolicy {
	return { allowLocalhost: env.WEBHOOK_ALLOW_LOCALHOST === '1' || env.WEBHOOK_ALLOW_LOCALHOST === 'true' };
}

/** The i18n key of why `raw` is refused before any DNS lookup, or null. */
export function urlShapeProblem(raw: string, policy: UrlPolicy): string | null {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return 'webhooks.errors.urlInvalid';
	}
	if (url.username || url.password) return 'webhooks.errors.urlCredentials';
	const local = url.hostname === 'localhost';
	if (url.protocol === 'https:') return local && !policy.allowLocalhost ? 'webhooks.errors.urlPrivate' : null;
	if (url.protocol === 'http:' && local && policy.allowLocalhost) return null;
	return policy.allowLocalhost ? 'webhooks.errors.urlSchemeLocal' : 'webhooks.errors.urlScheme';
}

function blocked(address: string, policy: UrlPolicy): boolean {
	const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
	if (policy.allowLocalhost && LOOPBACK.check(address, family)) return false;
	return BLOCKED.check(address, family);
}

/**
 * The address to connect to for `raw`, or the i18n key of why not: shape first, then every
 * address the name resolves to must be public (one private answer is enough to refuse).
 */
export async function resolveWebhookTarget(
	raw: string,
	policy: UrlPolicy
): Promise<{ address: string; family: 4 | 6 } | { problem: string }> {
	const shape = urlShapeProblem(raw, policy);
	if (shape) return { problem: shape };
	const host = new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
	let answers: { address: string; family: number }[];
	try {
		answers = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true, verbatim: true });
	} catch {
		return { problem: 'webhooks.errors.urlUnresolved' };
	}
	if (answers.length === 0) return { problem: 'webhooks.errors.urlUnresolved' };
	if (answers.some((a) => blocked(a.address, policy))) return { problem: 'webhooks.errors.urlPrivate' };
	return { address: answers[0].address, family: answers[0].family === 6 ? 6 : 4 };
}
