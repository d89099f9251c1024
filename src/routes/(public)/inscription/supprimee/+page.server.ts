import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const slug = url.searchParams.get('e');
	return { slug: slug && /^[a-z0-9-]{1,80}$/.test(slug) ? slug : null };
};
