import { describe, expect, it } from 'vitest';
import { newRowId } from './row-id.ts';

describe('newRowId', () => {
	it('test_ids_are_unique_uuids_of_version_7_that_sort_in_the_order_they_were_made', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 2000; i++) {
			ids.push(newRowId());
			if (i % 500 === 0) await new Promise((r) => setTimeout(r, 2));
		}
		expect(new Set(ids).size).toBe(2000);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		// Their first 48 bits are the time: the text sorts as they were made (what keeps new rows on
		// the last page of an index).
		expect([...ids].sort()).toEqual(ids);
		const ms = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
		expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
	});
});
