/**
 * Which offers answer a need (and the reverse): pure. Two posts match when they are of opposite
 * kinds, by different people, about the same category or the same theme, and in territories near
 * each other (the same département, else the same région; a post without a territory is near all).
 * The best first: same category and theme, then same département.
 */
import { findDepartement } from '../territory/territory.ts';

export interface MatchablePost {
	id: string;
	kind: string;
	category: string;
	theme: string;
	departement: string | null;
	authorId: string;
}

function regionOf(code: string): string | null {
	return findDepartement(code)?.region ?? null;
}

/** How well `b` answers `a` (0: not at all). */
export function matchScore(a: MatchablePost, b: MatchablePost): number {
	if (a.kind === b.kind || a.authorId === b.authorId) return 0;
	const sameCategory = a.category === b.category;
	const sameTheme = a.theme !== '' && a.theme === b.theme;
	if (!sameCategory && !sameTheme) return 0;
	let near = 1;
	if (a.departement && b.departement) {
		if (a.departement === b.departement) near = 2;
		else {
			const ra = regionOf(a.departement);
			if (!ra || ra !== regionOf(b.departement)) return 0;
		}
	}
	return (sameCategory ? 2 : 0) + (sameTheme ? 2 : 0) + near;
}

/** The posts of `others` that match `post`, the best first (then the newest, as `others` come). */
export function matchingPosts<T extends MatchablePost>(post: MatchablePost, others: T[]): T[] {
	return others
		.map((o, i) => ({ o, i, score: matchScore(post, o) }))
		.filter((m) => m.score > 0)
		.sort((x, y) => y.score - x.score || x.i - y.i)
		.map((m) => m.o);
}
