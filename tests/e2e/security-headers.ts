// The headers every page must carry (src/lib/server/security/security-headers.ts and the `csp`
// of vite.config.ts). Called by expectNoAxeViolations, so every page that any browser suite
// checks is checked here too.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Asserts the security headers of an answer to `pathname`. */
export function expectSecurityHeaders(headers: Record<string, string>, pathname: string, label = pathname): void {
	const csp = headers['content-security-policy'] ?? '';
	expect(csp, `${label}: Content-Security-Policy`).not.toBe('');
	const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
	expect(scriptSrc, `${label}: no inline script allowed`).not.toMatch(/unsafe-inline|unsafe-eval/);
	const embeddable = /^\/e\/[^/]+\/programme\/integrer\/?$/.test(pathname);
	expect(csp, `${label}: frame-ancestors`).toContain(embeddable ? 'frame-ancestors *' : "frame-ancestors 'none'");
	expect(headers['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
	expect(headers['referrer-policy'], `${label}: Referrer-Policy`).toMatch(/^(same-origin|no-referrer|strict-origin-when-cross-origin)$/);
	const camera = /^\/organisateur\/e\/[^/]+\/accueil\/?$/.test(pathname);
	expect(headers['permissions-policy'], `${label}: Permissions-Policy`).toContain(camera ? 'camera=(self)' : 'camera=()');
}

/** The current page's headers, asked again with the page's own cookies. */
export async function expectPageSecurityHeaders(page: Page, label: string): Promise<void> {
	const url = page.url();
	if (!/^https?:/.test(url)) return;
	const res = await page.request.get(url, { maxRedirects: 0 });
	expectSecurityHeaders(res.headers(), new URL(url).pathname, label);
	await res.dispose();
}
