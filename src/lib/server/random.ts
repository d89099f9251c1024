/**
 * Random bytes from the system's cryptographic generator, drawn 4 KB at a time. Why: each call of
 * `randomBytes` asks OpenSSL on its own, and a registration makes two (its private link's token,
 * its check-in code); in a rush those calls were 5 % of the server's time. Node does the same for
 * `randomUUID`. Each byte is handed out once, and the pool is wiped as it is used.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let used = POOL_SIZE;

/** `n` fresh random bytes (a copy, never shared with another caller). */
export function secureRandomBytes(n: number): Buffer {
	if (n > POOL_SIZE) return randomFillSync(Buffer.alloc(n));
	if (used + n > POOL_SIZE) {
		randomFillSync(pool);
		used = 0;
	}
	const out = Buffer.from(pool.subarray(used, used + n));
	pool.fill(0, used, used + n);
	used += n;
	return out;
}
