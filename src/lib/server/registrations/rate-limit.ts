/**
 * Rate limits of the public registration endpoint (the form and the API), in memory.
 *
 * Per client address. The people of one venue (a médiathèque, a conference hall, a collectivité's
 * office) often share one public address, and a registration opening announced on stage makes
 * them all register within a minute. A per-address limit that stopped a scripted flood at, say,
 * 10 a minute would lock them out. So each address gets a token bucket of 300 requests refilled
 * at 300 a minute: a full hall of 300 people (a large local event) goes through in its first
 * minute even if each of them submits once, while a script is slowed to 5 requests a second.
 *
 * Per e-mail domain of the address typed. The confirmation goes to whatever address is typed, so
 * a flood spread over many client addresses could still mail one organisation's boxes (every
 * `@example-collectivite.fr`). Each domain gets a bucket of 200 refilled at 60 a minute: a rush
 * where many people use one webmail (a third of 300 at `gmail.com`, say) fits in the burst, and
 * a flood towards one domain is held to one message a second.
 *
 * In memory because it only needs to hold for a minute; several processes each keep their own
 * buckets, which multiplies the allowance by their number, acceptable for this purpose.
 * `REGISTRATION_RATE_LIMIT` and `REGISTRATION_DOMAIN_RATE_LIMIT` (`burst/perMinute`, or `off`)
 * change them.
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

type Limit = { burst: number; perMinute: number };

/** The limit the environment asks for: `off`, or `burst/perMinute`; `fallback` (300/300) otherwise. */
export function rateLimitFromEnv(value: string | undefined, fallback: Limit = { burst: 300, perMinute: 300 }): Limit | null {
	const v = value?.trim();
	if (v === 'off' || v === '0') return null;
	const m = v ? /^(\d+)\/(\d+)$/.exec(v) : null;
	return m ? { burst: Number(m[1]), perMinute: Number(m[2]) } : fallback;
}

// One limiter per running app (keyed by its context object), never shared between test apps.
const limiters = new WeakMap<object, Map<string, RateLimiter | null>>();

/** The limiter named `name` of this app instance, made once from `limit` (null when disabled). */
export function appLimiter(app: object, name: string, limit: () => Limit | null): RateLimiter | null {
	let mine = limiters.get(app);
	if (!mine) limiters.set(app, (mine = new Map()));
	if (!mine.has(name)) {
		const config = limit();
		mine.set(name, config ? createRateLimiter(config) : null);
	}
	return mine.get(name)!;
}

/** The per-client-address registration limiter of this app instance (null when disabled). */
export function registrationLimiter(app: object): RateLimiter | null {
	return appLimiter(app, 'registration', () => rateLimitFromEnv(process.env.REGISTRATION_RATE_LIMIT));
}

/** The per-e-mail-domain registration limiter of this app instance (null when disabled). */
export function registrationDomainLimiter(app: object): RateLimiter | null {
	return appLimiter(app, 'registration-domain', () =>
		// `REGISTRATION_RATE_LIMIT=off` (tests, benchmarks) turns this one off too unless it is set.
		rateLimitFromEnv(
			process.env.REGISTRATION_DOMAIN_RATE_LIMIT ?? (process.env.REGISTRATION_RATE_LIMIT?.trim() === 'off' ? 'off' : undefined),
			{ burst: 200, perMinute: 60 }
		)
	);
}

/** The domain of an e-mail address as typed (lower case), or null when there is none. */
export function emailDomain(email: unknown): string | null {
	if (typeof email !== 'string') return null;
	const at = email.lastIndexOf('@');
	return at > 0
		? email
				.slice(at + 1)
				.trim()
				.toLowerCase() || null
		: null;
}
