import { describe, expect, it } from 'vitest';
import { matchingPosts, matchScore, type MatchablePost } from './post-matching.ts';

const post = (o: Partial<MatchablePost>): MatchablePost => ({
	id: 'x',
	kind: 'offer',
	category: 'room',
	theme: '',
	departement: null,
	authorId: 'b',
	...o
});

describe('needs and offers matching', () => {
	const need = post({ id: 'need', kind: 'need', category: 'room', theme: 'Inclusion', departement: '87', authorId: 'a' });

	it('test_match_needs_opposite_kind_another_author_and_a_shared_category_or_theme', () => {
		expect(matchScore(need, post({ kind: 'need' }))).toBe(0);
		expect(matchScore(need, post({ authorId: 'a' }))).toBe(0);
		expect(matchScore(need, post({ category: 'tools' }))).toBe(0);
		expect(matchScore(need, post({ category: 'tools', theme: 'Inclusion' }))).toBeGreaterThan(0);
	});

	it('test_match_keeps_nearby_territories_only_and_ranks_the_closest_first', () => {
		const sameDep = post({ id: 'dep', departement: '87' });
		const sameRegion = post({ id: 'region', departement: '19' });
		const farAway = post({ id: 'far', departement: '13' });
		const anywhere = post({ id: 'any', theme: 'Inclusion' });
		expect(matchingPosts(need, [farAway, sameRegion, sameDep, anywhere]).map((p) => p.id)).toEqual(['any', 'dep', 'region']);
	});
});
