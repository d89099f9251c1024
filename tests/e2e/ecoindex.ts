/**
 * EcoIndex (www.ecoindex.fr) of a page as Chromium loads it: DOM elements, HTTP requests and
 * transferred kilobytes, placed on the reference quantiles measured on the HTTP Archive, weighted
 * 3 / 2 / 1, into a score out of 100 and a grade from A (above 80) to G. Used by
 * `npm run report:ecoindex` and by the browser test that keeps the public pages at their grade.
 */
import type { Page } from 'playwright-core';

const QUANTILES = {
	dom: [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601],
	requests: [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920],
	sizeKb: [
		0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59,
		4155.73, 5400.08, 8037.54, 223212.26
	]
};
const GRADES = [
	['A', 80],
	['B', 70],
	['C', 55],
	['D', 40],
	['E', 25],
	['F', 10]
] as const;

/** Where `value` falls among the 21 quantiles, from 0 to 20, interpolated between two. */
function position(quantiles: number[], value: number): number {
	for (let i = 1; i < quantiles.length; i++)
		if (value < quantiles[i]) return i - 1 + (value - quantiles[i - 1]) / (quantiles[i] - quantiles[i - 1]);
	return quantiles.length - 1;
}

export interface PageWeight {
	dom: number;
	requests: number;
	sizeKb: number;
}

export function ecoIndex(m: PageWeight): { score: number; grade: string } {
	const q = 3 * position(QUANTILES.dom, m.dom) + 2 * position(QUANTILES.requests, m.requests) + position(QUANTILES.sizeKb, m.sizeKb);
	const score = Math.round(100 - (5 * q) / 6);
	return { score, grade: GRADES.find(([, min]) => score > min)?.[0] ?? 'G' };
}

/**
 * Loads `url` in a fresh tab of the page's context and measures it: every request the page makes
 * and the bytes that crossed the network for them (headers and body, as Chromium reports them),
 * and the elements of its DOM, not counting the inside of SVG images (as the reference does).
 */
export async function measurePage(page: Page, url: string): Promise<PageWeight> {
	const tab = await page.context().newPage();
	const cdp = await tab.context().newCDPSession(tab);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	let requests = 0;
	let bytes = 0;
	cdp.on('Network.requestWillBeSent', () => requests++);
	cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
	try {
		await tab.goto(url, { waitUntil: 'networkidle' });
		const dom = await tab.evaluate(() => document.querySelectorAll('*').length - document.querySelectorAll('svg *').length);
		return { dom, requests, sizeKb: bytes / 1024 };
	} finally {
		await cdp.detach().catch(() => {});
		await tab.close();
	}
}
