/**
 * Uploaded files: speaker portraits (checked, resized and compressed here, whatever was sent) and
 * session documents (slides, references). The type is decided from the bytes and the name
 * against a short list, never from what the browser claims, and files are served back with that
 * type only.
 */
import sharp from 'sharp';
import { ValidationError } from '../validation.ts';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Portraits are stored as one square WebP of this side: small on the programme, sharp on a 2× screen. */
export const PORTRAIT_SIZE = 320;
/** A 10 MB JPEG of a decompression bomb can still claim billions of pixels: refuse those early. */
const MAX_INPUT_PIXELS = 60_000_000;
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);

export interface Upload {
	filename: string;
	data: Buffer;
}

const mb = (bytes: number) => Math.max(1, Math.ceil(bytes / (1024 * 1024)));

/** Whether a form's file input carried a file at all (browsers send an empty one when none is chosen). */
export function hasFile(value: FormDataEntryValue | null): value is File {
	return typeof value === 'object' && value !== null && 'arrayBuffer' in value && value.size > 0;
}

/** A form's file as an Upload. */
export async function readUpload(file: File): Promise<Upload> {
	return { filename: file.name || 'fichier', data: Buffer.from(await file.arrayBuffer()) };
}

/**
 * A portrait ready to store: any common image format, turned upright, cropped square around what
 * draws the eye, 320 × 320, WebP. Anything else is a ValidationError on `field`.
 */
export async function makePortrait(
	upload: Upload,
	field = 'portrait'
): Promise<{ data: Buffer; contentType: 'image/webp'; filename: string }> {
	await assertImage(upload, field);
	try {
		const data = await sharp(upload.data, { limitInputPixels: MAX_INPUT_PIXELS })
			.rotate()
			.resize(PORTRAIT_SIZE, PORTRAIT_SIZE, { fit: 'cover', position: sharp.strategy.attention })
			.webp({ quality: 78, effort: 4 })
			.toBuffer();
		const base =
			upload.filename
				.replace(/\.[^.]*$/, '')
				.replace(/[^\p{L}\p{N}._-]+/gu, '-')
				.slice(0, 80) || 'portrait';
		return { data, contentType: 'image/webp', filename: `${base}.webp` };
	} catch {
		// Truncated or corrupt files pass the header check and fail while decoding.
		throw new ValidationError([{ field, message: 'programme.errors.notAnImage' }]);
	}
}

/** One size of a responsive image, as stored. */
export interface ImageVariant {
	width: number;
	height: number;
	data: Buffer;
}

/**
 * An image ready to offer through `srcset`: checked like a portrait, turned upright, then one WebP
 * per width asked (never wider than the original, so a small logo stays one small file), the
 * narrowest first. `aspect` (width / height) crops around what draws the eye (a banner); without
 * it, the image keeps its proportions inside `maxHeightRatio` × width (logos, transparency kept).
 */
export async function makeResponsiveImage(
	upload: Upload,
	field: string,
	widths: number[],
	shape: { aspect: number } | { maxHeightRatio: number }
): Promise<ImageVariant[]> {
	await assertImage(upload, field);
	try {
		const meta = await sharp(upload.data, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().metadata();
		const upright = meta.orientation && meta.orientation >= 5;
		const sourceWidth = (upright ? meta.height : meta.width) ?? widths[0];
		const wanted = [...new Set(widths.map((w) => Math.min(w, sourceWidth)))].sort((a, b) => a - b);
		const variants: ImageVariant[] = [];
		for (const width of wanted) {
			const resize =
				'aspect' in shape
					? { width, height: Math.round(width / shape.aspect), fit: 'cover' as const, position: sharp.strategy.attention }
					: { width, height: Math.round(width * shape.maxHeightRatio), fit: 'inside' as const, withoutEnlargement: true };
			const { data, info } = await sharp(upload.data, { limitInputPixels: MAX_INPUT_PIXELS })
				.rotate()
				.resize(resize)
				.webp({ quality: 76, effort: 4 })
				.toBuffer({ resolveWithObject: true });
			variants.push({ width: info.width, height: info.height, data });
		}
		return variants;
	} catch {
		throw new ValidationError([{ field, message: 'programme.errors.notAnImage' }]);
	}
}

async function assertImage(upload: Upload, field: string): Promise<void> {
	if (upload.data.length > MAX_IMAGE_BYTES)
		throw new ValidationError([
			{ field, message: 'programme.errors.imageTooBig', params: { size: mb(upload.data.length), max: mb(MAX_IMAGE_BYTES) } }
		]);
	let format: string | undefined;
	try {
		format = (await sharp(upload.data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
	} catch {
		format = undefined;
	}
	if (!format || !IMAGE_FORMATS.has(format)) throw new ValidationError([{ field, message: 'programme.errors.notAnImage' }]);
}

const DOCUMENT_TYPES: Record<string, { type: string; magic: 'pdf' | 'zip' | 'ole' | 'png' | 'jpeg' | 'webp' | 'gif' | 'text' }> = {
	pdf: { type: 'application/pdf', magic: 'pdf' },
	odp: { type: 'application/vnd.oasis.opendocument.presentation', magic: 'zip' },
	odt: { type: 'application/vnd.oasis.opendocument.text', magic: 'zip' },
	ods: { type: 'application/vnd.oasis.opendocument.spreadsheet', magic: 'zip' },
	pptx: { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: 'zip' },
	docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
	xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
	zip: { type: 'application/zip', magic: 'zip' },
	ppt: { type: 'application/vnd.ms-powerpoint', magic: 'ole' },
	doc: { type: 'application/msword', magic: 'ole' },
	xls: { type: 'application/vnd.ms-excel', magic: 'ole' },
	png: { type: 'image/png', magic: 'png' },
	jpg: { type: 'image/jpeg', magic: 'jpeg' },
	jpeg: { type: 'image/jpeg', magic: 'jpeg' },
	webp: { type: 'image/webp', magic: 'webp' },
	gif: { type: 'image/gif', magic: 'gif' },
	txt: { type: 'text/plain; charset=utf-8', magic: 'text' },
	md: { type: 'text/plain; charset=utf-8', magic: 'text' },
	csv: { type: 'text/csv; charset=utf-8', magic: 'text' }
};

function hasMagic(data: Buffer, magic: (typeof DOCUMENT_TYPES)[string]['magic']): boolean {
	const starts = (bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);
	switch (magic) {
		case 'pdf':
			return starts([0x25, 0x50, 0x44, 0x46]);
		case 'zip':
			return starts([0x50, 0x4b, 0x03, 0x04]);
		case 'ole':
			return starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		case 'png':
			return starts([0x89, 0x50, 0x4e, 0x47]);
		case 'jpeg':
			return starts([0xff, 0xd8, 0xff]);
		case 'webp':
			return starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8);
		case 'gif':
			return starts([0x47, 0x49, 0x46, 0x38]);
		case 'text':
			return !data.subarray(0, 8192).includes(0);
	}
}

/** A session document: its type from the short list (name and first bytes agree), or a ValidationError on `field`. */
export function checkDocument(upload: Upload, field = 'file'): { contentType: string; filename: string } {
	if (upload.data.length === 0) throw new ValidationError([{ field, message: 'programme.errors.fileRequired' }]);
	if (upload.data.length > MAX_DOCUMENT_BYTES)
		throw new ValidationError([
			{ field, message: 'programme.errors.fileTooBig', params: { size: mb(upload.data.length), max: mb(MAX_DOCUMENT_BYTES) } }
		]);
	const ext = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase() ?? '';
	const known = DOCUMENT_TYPES[ext];
	if (!known || !hasMagic(upload.data, known.magic)) throw new ValidationError([{ field, message: 'programme.errors.fileType' }]);
	const printable = [...upload.filename].filter((c) => c.charCodeAt(0) >= 32 && c !== '"').join('');
	const filename = printable.replace(/[\\/]/g, '-').slice(-120) || `document.${ext}`;
	return { contentType: known.type, filename };
}

/** Whether a stored type may be shown in the browser rather than downloaded. */
export function isInlineType(contentType: string): boolean {
	return /^image\/(png|jpeg|webp|gif)$/.test(contentType) || contentType === 'application/pdf';
}

/** The most a request carrying a file may weigh, as adapter-node enforces it (`BODY_SIZE_LIMIT`, 25M as bin/serve.js sets it). */
export function bodySizeLimitMb(env: NodeJS.ProcessEnv = process.env): number {
	const raw = (env.BODY_SIZE_LIMIT ?? '25M').trim();
	const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)B?$/i.exec(raw);
	if (!m) return 1;
	const factor = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
	return Math.round(((Number(m[1]) * factor) / 1024 ** 2) * 10) / 10;
}
