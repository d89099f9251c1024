/** Which requests Fedify answers: its own paths, and an event's page when asked for ActivityStreams. */
const AP_TYPES = /application\/(activity\+json|ld\+json)/i;

export function wantsActivityPub(request: Request, url: URL): boolean {
	const path = url.pathname;
	if (path.startsWith('/ap/') || path === '/.well-known/webfinger') return true;
	return /^\/e\/[^/]+$/.test(path) && AP_TYPES.test(request.headers.get('accept') ?? '');
}
