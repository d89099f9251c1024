import { describe, expect, it } from 'vitest';
import { createRateLimiter, emailDomain, rateLimitFromEnv, registrationDomainLimiter } from './rate-limit.ts';

describe('rate limit', () => {
	it('test_burst_then_refill_per_address', () => {
		const limiter = createRateLimiter({ burst: 3, perMinute: 60 });
		const t0 = 1_000_000;
		expect([1, 2, 3].map(() => limiter.take('1.2.3.4', t0).ok)).toEqual([true, true, true]);
		const refused = limiter.take('1.2.3.4', t0);
		expect(refused).toEqual({ ok: false, retryAfter: 1 });
		expect(limiter.take('5.6.7.8', t0).ok).toBe(true); // another address is not affected
		expect(limiter.take('1.2.3.4', t0 + 1000).ok).toBe(true); // one token a second comes back
		expect(limiter.take('1.2.3.4', t0 + 1000).ok).toBe(false);
	});

	it('test_a_venue_of_three_hundred_people_in_a_minute_goes_through_by_default', () => {
		const limiter = createRateLimiter(rateLimitFromEnv(undefined)!);
		const t0 = 5_000_000;
		let ok = 0;
		for (let i = 0; i < 300; i++) if (limiter.take('venue', t0 + i * 200).ok) ok++;
		expect(ok).toBe(300);
	});

	it('test_env_setting', () => {
		expect(rateLimitFromEnv('off')).toBeNull();
		expect(rateLimitFromEnv('50/120')).toEqual({ burst: 50, perMinute: 120 });
		expect(rateLimitFromEnv('nonsense')).toEqual({ burst: 300, perMinute: 300 });
	});

	it('test_a_flood_towards_one_domain_is_held_while_a_rush_on_a_webmail_goes_through', () => {
		const limiter = registrationDomainLimiter({})!;
		const t0 = 9_000_000;
		// A rush: 100 people at one webmail within a minute.
		let ok = 0;
		for (let i = 0; i < 100; i++) if (limiter.take(emailDomain(`p${i}@Gmail.com`)!, t0 + i * 600).ok) ok++;
		expect(ok).toBe(100);
		// A flood: 1,000 addresses of one organisation within a minute.
		let flood = 0;
		for (let i = 0; i < 1000; i++) if (limiter.take(emailDomain(`x${i}@victime.example`)!, t0 + i * 60).ok) flood++;
		expect(flood).toBeLessThan(270);
		expect(emailDomain('sans-arobase')).toBeNull();
	});
});
