import { describe, expect, it } from 'vitest';
import { lookupBatch } from './lookup-batch.ts';

describe('lookupBatch', () => {
	it('test_lookups_of_one_turn_share_one_fetch_and_each_gets_its_own_answer', async () => {
		const fetches: string[][] = [];
		const lookup = lookupBatch(async (keys: string[]) => {
			fetches.push(keys);
			return new Map(keys.filter((k) => k !== 'nobody').map((k) => [k, k.toUpperCase()]));
		});
		const first = await Promise.all([lookup('awa'), lookup('zoé'), lookup('awa'), lookup('nobody')]);
		expect(first).toEqual(['AWA', 'ZOÉ', 'AWA', undefined]);
		// A later turn: a fetch of its own.
		expect(await lookup('léa')).toBe('LÉA');
		expect(fetches).toEqual([['awa', 'zoé', 'nobody'], ['léa']]);
	});

	it('test_a_failed_fetch_fails_every_lookup_of_its_turn_and_not_the_next', async () => {
		let fail = true;
		const lookup = lookupBatch(async (keys: string[]) => {
			if (fail) throw new Error('database unreachable');
			return new Map(keys.map((k) => [k, k.length]));
		});
		const outcomes = await Promise.allSettled([lookup('a'), lookup('bb')]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
		fail = false;
		expect(await lookup('ccc')).toBe(3);
	});
});
