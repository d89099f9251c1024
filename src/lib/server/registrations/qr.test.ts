import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { qrMatrix, qrPng } from './qr.ts';

/** Reads back our 1-bit greyscale PNG: width and whether a pixel is dark. */
function readPng(png: Buffer) {
	expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const width = png.readUInt32BE(16);
	expect(png[24]).toBe(1); // bit depth
	expect(png[25]).toBe(0); // greyscale
	const idatLength = png.readUInt32BE(33);
	expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
	const raw = inflateSync(png.subarray(41, 41 + idatLength));
	const stride = Math.ceil(width / 8) + 1;
	return { width, dark: (x: number, y: number) => ((raw[y * stride + 1 + (x >> 3)] >> (7 - (x & 7))) & 1) === 0 };
}

describe('qr', () => {
	const text = 'https://maillage.exemple.fr/inscription/accueil/ABCD2345EF';

	it('test_qrMatrix_matches_the_qrcode_package', () => {
		const ours = qrMatrix(text);
		const theirs = QRCode.create([{ data: Buffer.from(text), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules;
		expect(ours.size).toBe(theirs.size);
		for (let r = 0; r < ours.size; r++) for (let c = 0; c < ours.size; c++) expect(ours.dark(r, c)).toBe(theirs.get(r, c) === 1);
	});

	it('test_qrPng_draws_every_module_with_a_quiet_zone', () => {
		const m = qrMatrix(text, { fast: true });
		const png = readPng(qrPng(text, { scale: 4 }));
		expect(png.width).toBe((m.size + 8) * 4);
		for (let r = 0; r < m.size; r++)
			for (let c = 0; c < m.size; c++) expect(png.dark((c + 4) * 4 + 1, (r + 4) * 4 + 2), `module ${r},${c}`).toBe(m.dark(r, c));
		expect(png.dark(0, 0)).toBe(false);
		expect(png.dark(png.width - 1, png.width - 1)).toBe(false);
	});
});
