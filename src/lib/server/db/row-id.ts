/**
 * Ids of rows written in large numbers (registrations, outbox messages): UUIDs of version 7, whose
 * first 48 bits are the time in milliseconds (RFC 9562), instead of random ones (version 4).
 * Why: every index on a random id receives each new row on a different page, so a batch of 64
 * registrations dirtied some 64 pages of each such index, all written again at the commit (the
 * WAL on both databases) and at the next checkpoint. Ids that follow time land on the last page.
 * They are as unique, and say no more than the row's own `created_at`.
 */
import { v7 } from 'uuid';

export function newRowId(): string {
	return v7();
}
