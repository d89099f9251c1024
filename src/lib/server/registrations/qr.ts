/**
 * QR codes for check-in: the matrix from the `qrcode` package, drawn by us. Why not qrcode's own
 * PNG output: it renders through pngjs in RGBA and chooses the best of eight masks, about 10 ms
 * per code, which a rush of registrations pays inside its request; a fixed mask and a 1-bit
 * greyscale PNG cost a fraction of a millisecond and scan just as well. Pure.
 */
// Only qrcode's encoder: its entry point also loads its PNG, SVG and terminal renderers (pngjs
// among them), some 10 MB resident that every server process would hold for nothing.
import QRCodeCore from 'qrcode/lib/core/qrcode.js';
import { deflateSync } from 'node:zlib';

export interface QrMatrix {
	size: number;
	dark(row: number, col: number): boolean;
}

/** The modules of a QR code (error correction M). `fast`: a fixed mask instead of the best one. */
export function qrMatrix(text: string, options: { fast?: boolean } = {}): QrMatrix {
	// One byte-mode segment: qrcode's search for the shortest mix of modes costs more than it saves here.
	const qr = QRCodeCore.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
		errorCorrectionLevel: 'M',
		...(options.fast ? { maskPattern: 2 as const } : {})
	});
	const size = qr.modules.size;
	const data = qr.modules.data;
	return { size, dark: (row, col) => data[row * size + col] === 1 };
}

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

function pngChunk(type: string, data: Buffer): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	let crc = -1;
	for (let i = 0; i < body.length; i++) crc = CRC_TABLE[(crc ^ body[i]) & 0xff] ^ (crc >>> 8);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeInt32BE(~crc, body.length + 4);
	return out;
}

/** A black-on-white PNG of the QR code, `scale` pixels per module, with a 4-module quiet zone. */
export function qrPng(text: string, options: { scale?: number; fast?: boolean } = {}): Buffer {
	const m = qrMatrix(text, { fast: options.fast ?? true });
	const scale = options.scale ?? 8;
	const margin = 4;
	const pixels = (m.size + 2 * margin) * scale;
	const rowBytes = Math.ceil(pixels / 8);
	const stride = rowBytes + 1; // filter byte, then the row
	const raw = Buffer.alloc(stride * pixels, 0xff);
	for (let moduleRow = -margin; moduleRow < m.size + margin; moduleRow++) {
		const first = (moduleRow + margin) * scale * stride;
		raw[first] = 0;
		if (moduleRow >= 0 && moduleRow < m.size) {
			for (let col = 0; col < m.size; col++) {
				if (!m.dark(moduleRow, col)) continue;
				// 1 = white in greyscale: clear the bits of a dark module.
				for (let x = (col + margin) * scale, end = x + scale; x < end; x++) raw[first + 1 + (x >> 3)] &= ~(0x80 >> (x & 7));
			}
		}
		for (let k = 1; k < scale; k++) raw.copy(raw, first + k * stride, first, first + stride);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(pixels, 0);
	header.writeUInt32BE(pixels, 4);
	header[8] = 1; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw, { level: options.fast === false ? 9 : 1 })),
		pngChunk('IEND', Buffer.alloc(0))
	]);
}
