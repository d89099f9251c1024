import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from './random.ts';

describe('secureRandomBytes', () => {
	it('test_every_call_gets_bytes_of_its_own_across_pool_refills', () => {
		const seen = new Set<string>();
		// 3,000 × 24 bytes: the 4 KB pool is refilled about 18 times.
		for (let i = 0; i < 3000; i++) {
			const b = secureRandomBytes(24);
			expect(b.length).toBe(24);
			seen.add(b.toString('hex'));
		}
		expect(seen.size).toBe(3000);
	});

	it('test_a_copy_is_returned_and_the_pool_does_not_keep_what_it_gave', () => {
		const a = secureRandomBytes(16);
		const kept = Buffer.from(a);
		const b = secureRandomBytes(16);
		a.fill(0);
		expect(b.equals(Buffer.alloc(16))).toBe(false);
		expect(kept.equals(Buffer.alloc(16))).toBe(false);
		// Larger than the pool: drawn directly.
		const big = secureRandomBytes(10_000);
		expect(big.length).toBe(10_000);
		expect(big.subarray(5000).equals(Buffer.alloc(5000))).toBe(false);
	});

	it('test_bytes_are_spread_over_every_value', () => {
		const counts = new Array(256).fill(0);
		for (let i = 0; i < 1400; i++) for (const byte of secureRandomBytes(24)) counts[byte]++;
		// 33,600 bytes from the pool: about 131 of each value; a stuck or zeroed pool would fail this.
		expect(Math.min(...counts)).toBeGreaterThan(60);
		expect(Math.max(...counts)).toBeLessThan(220);
	});
});
