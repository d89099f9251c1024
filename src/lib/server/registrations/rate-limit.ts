/**
 * Rate limit of the public registration endpoint, per client address, in memory.
 *
 * Why this shape: the people of one venue (a médiathèque, a conference hall, a collectivité's
 * office) often share one public address, and a registration opening announced on stage makes
 * them all register within a minute. A per-address limit that stopped a scripted flood at, say,
 * 10 a minute would lock them out. So each address gets a token bucket with a large burst (600
 * requests) refilled at 600 a minute: hundreds of real people from one network go through, a
 * script hammering the endpoint is slowed to 10 requests a second, and a repeat registration costs
 * nothing anyway (it changes nothing; the e-mail it may trigger is throttled per registration).
 * In memory because it only needs to hold for a minute; several processes each keep their own
 * buckets, which multiplies the allowance by their number, acceptable for this purpose.
 * `REGISTRATION_RATE_LIMIT=burst/perMinute` (e.g. `600/600`) or `off` changes it.
 */

export interface RateLimiter {
	/** Takes one token for `key`; false (and the seconds to wait) when the bucket is empty. */
	take(key: string, now?: number): { ok: true } | { ok: false; retryAfter: number };
}

export function createRateLimiter(options: { burst: number; perMinute: number; maxKeys?: number }): RateLimiter {
	const buckets = new Map<string, { tokens: number; at: number }>();
	const rate = options.perMinute / 60_000;
	const maxKeys = options.maxKeys ?? 50_000;
	return {
		take(key, now = Date.now()) {
			let b = buckets.get(key);
			if (b) {
				b.tokens = Math.min(options.burst, b.tokens + (now - b.at) * rate);
				b.at = now;
			} else {
				if (buckets.size >= maxKeys) {
					// Forget the buckets that are full again: they carry no information.
					for (const [k, v] of buckets) if (v.tokens + (now - v.at) * rate >= options.burst) buckets.delete(k);
					if (buckets.size >= maxKeys) buckets.clear();
				}
				b = { tokens: options.burst, at: now };
				buckets.set(key, b);
			}
			if (b.tokens < 1) return { ok: false, retryAfter: Math.ceil((1 - b.tokens) / rate / 1000) };
			b.tokens -= 1;
			return { ok: true };
		}
	};
}

/** The limit the environment asks for: `off`, or `burst/perMinute`; 600/600 by default. */
export function rateLimitFromEnv(value: string | undefined): { burst: number; perMinute: number } | null {
	const v = value?.trim();
	if (v === 'off' || v === '0') return null;
	const m = v ? /^(\d+)\/(\d+)$/.exec(v) : null;
	return m ? { burst: Number(m[1]), perMinute: Number(m[2]) } : { burst: 600, perMinute: 600 };
}

// One limiter per running app (keyed by its context object), never shared between test apps.
const limiters = new WeakMap<object, RateLimiter | null>();

/** The registration limiter of this app instance (null when disabled). */
export function registrationLimiter(app: object): RateLimiter | null {
	if (!limiters.has(app)) {
		const config = rateLimitFromEnv(process.env.REGISTRATION_RATE_LIMIT);
		limiters.set(app, config ? createRateLimiter(config) : null);
	}
	return limiters.get(app)!;
}
