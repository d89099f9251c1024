/**
 * Reading back the PDFs the app draws, as a person or a phone would: the text through poppler's
 * pdftotext, the fonts through pdffonts, the pages as pixels through pdftoppm, and the QR codes
 * on them through jsQR (the decoder the check-in screen falls back on).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';

function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
	const dir = mkdtempSync(path.join(tmpdir(), 'maillage-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		writeFileSync(file, pdf);
		return use(file, dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The text of a PDF as pdftotext reads it (`layout`: columns kept side by side). */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = { layout: true }): string {
	return withPdfFile(pdf, (file) => execFileSync('pdftotext', [...(options.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' }));
}

/** The fonts of a PDF as pdffonts lists them: name, whether embedded and whether a subset. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean; subset: boolean }[] {
	const out = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
	return out
		.split('\n')
		.slice(2)
		.filter((line) => line.trim())
		.map((line) => {
			// name, type (may hold spaces), encoding, then emb sub uni as yes/no, object id.
			const m = /^(\S+)\s.*\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
			if (!m) throw new Error(`pdffonts line not understood: ${line}`);
			return { name: m[1], embedded: m[2] === 'yes', subset: m[3] === 'yes' };
		});
}

/** A page rendered in grey levels, one byte per pixel, and its size in points (1/72 in). */
export interface PageImage {
	width: number;
	height: number;
	dpi: number;
	gray: Uint8Array;
}

/** Renders page `page` (from 1) with pdftoppm at `dpi`. */
export function renderPage(pdf: Buffer, page: number, dpi = 200): PageImage {
	return withPdfFile(pdf, (file, dir) => {
		const out = path.join(dir, 'page');
		execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
		const pgm = readFileSync(`${out}.pgm`);
		// Binary PGM: "P5", width, height, maxval, each followed by one white-space byte, then the pixels.
		const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
		if (!header) throw new Error('pdftoppm did not write a binary PGM');
		const [width, height] = [Number(header[1]), Number(header[2])];
		return { width, height, dpi, gray: pgm.subarray(header[0].length, header[0].length + width * height) };
	});
}

/**
 * The QR code inside a rectangle of a rendered page (in points from the top left corner), or null
 * if none can be read there.
 */
export function readQr(image: PageImage, box: { x: number; y: number; w: number; h: number }): string | null {
	const k = image.dpi / 72;
	const x0 = Math.max(0, Math.floor(box.x * k));
	const y0 = Math.max(0, Math.floor(box.y * k));
	const w = Math.min(image.width - x0, Math.ceil(box.w * k));
	const h = Math.min(image.height - y0, Math.ceil(box.h * k));
	const rgba = new Uint8ClampedArray(w * h * 4);
	for (let row = 0; row < h; row++)
		for (let col = 0; col < w; col++) {
			const v = image.gray[(y0 + row) * image.width + x0 + col];
			const i = (row * w + col) * 4;
			rgba[i] = rgba[i + 1] = rgba[i + 2] = v;
			rgba[i + 3] = 255;
		}
	return jsQR(rgba, w, h)?.data ?? null;
}
