/**
 * Ids of rows written in large numbers (registrations, outbox messages): UUIDs of version 7, whose
 * first 48 bits are the time in milliseconds (RFC 9562), instead of random ones (version 4).
 * Why: every index on a random id receives each new row on a different page, so a batch of 64
 * registrations dirtied some 64 pages of each such index, all written again at the commit (the
 * WAL on both databases) and at the next checkpoint. Ids that follow time land on the last page.
 * They are as unique, and say no more than the row's own `created_at`.
 */
import { v7 } from 'uuid';
import { secureRandomBytes } from '../random.ts';

// The counter that orders ids made in the same millisecond (RFC 9562, method 1): drawn at random
// at each new millisecond, then counted up. uuid keeps the same counter when it draws its own
// random bytes, one OpenSSL call per id (4 % of a registration's CPU in a rush); here the bytes
// come from the process's random pool, so the counter is kept here.
let lastMs = -Infinity;
let seq = 0;

export function newRowId(): string {
	const random = secureRandomBytes(16);
	const now = Date.now();
	if (now > lastMs) {
		lastMs = now;
		seq = random.readUInt32BE(6) & 0x7fffffff;
	} else {
		seq = (seq + 1) | 0;
		if (seq === 0) lastMs++;
	}
	return v7({ random, msecs: lastMs, seq });
}
