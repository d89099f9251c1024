import { describe, expect, it } from 'vitest';
import {
	etagOf,
	ifMatchVersions,
	ifMatchVersionsOrNew,
	readVersion,
	readVersionOrNew,
	StaleVersionError,
	versionsToWrite
} from './edit-version.ts';

describe('edit versions', () => {
	it('test_ifMatchVersions_reads_strong_tags_and_star', () => {
		expect(ifMatchVersions(null)).toBeUndefined();
		expect(ifMatchVersions('*')).toBeUndefined();
		expect(ifMatchVersions('"3"')).toEqual([3]);
		expect(ifMatchVersions('"3", "4"')).toEqual([3, 4]);
		expect(ifMatchVersions('W/"3"')).toEqual([]);
		expect(ifMatchVersions('3')).toEqual([]);
	});

	it('test_readVersion_only_positive_whole_numbers', () => {
		expect(readVersion('2')).toBe(2);
		expect(readVersion('')).toBeUndefined();
		expect(readVersion('0')).toBeUndefined();
		expect(readVersion('1.5')).toBeUndefined();
		expect(readVersion(null)).toBeUndefined();
	});

	it('test_readVersionOrNew_and_ifMatchVersionsOrNew_take_0_for_a_row_not_written_yet', () => {
		expect(readVersionOrNew('0')).toBe(0);
		expect(readVersionOrNew('3')).toBe(3);
		expect(readVersionOrNew('')).toBeUndefined();
		expect(ifMatchVersionsOrNew('"0"')).toEqual([0]);
		expect(ifMatchVersionsOrNew('"0", "2"')).toEqual([0, 2]);
		expect(ifMatchVersionsOrNew('"01"')).toEqual([]);
		expect(ifMatchVersionsOrNew('*')).toBeUndefined();
	});

	it('test_versionsToWrite_stale_at_once_when_the_named_version_is_not_the_row_s', () => {
		expect(versionsToWrite(undefined, 4)).toEqual([4]);
		expect(versionsToWrite(4, 4)).toEqual([4]);
		expect(() => versionsToWrite(3, 4)).toThrow(StaleVersionError);
		expect(etagOf(4)).toBe('"4"');
	});
});
