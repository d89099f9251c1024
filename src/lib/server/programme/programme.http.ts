/**
 * HTTP edges of the programme shared by its pages and its API: request bodies that carry files
 * (adapter-node refuses them past BODY_SIZE_LIMIT while they are read, which must become a clear
 * message rather than an error page) and the file answers.
 */
import { ValidationError } from '../validation.ts';
import { isBodyTooLarge } from '../request-body.ts';
import { bodySizeLimitMb, hasFile, isInlineType, readUpload, type Upload } from './uploads.ts';

/** The posted form, or a ValidationError on `field` when the body is over the server's limit. */
export async function readMultipart(request: Request, field: string): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		if (isBodyTooLarge(e))
			throw new ValidationError([{ field, message: 'programme.errors.bodyTooBig', params: { max: bodySizeLimitMb() } }]);
		throw e;
	}
}

/** The file of a form field, or undefined when none was chosen. */
export async function uploadOf(form: FormData, name: string): Promise<Upload | undefined> {
	const value = form.get(name);
	return hasFile(value) ? readUpload(value) : undefined;
}

/** A raw request body as an upload (`PUT …/portrait` with `Content-Type: image/jpeg`). */
export async function readRawUpload(request: Request, field: string, filename: string): Promise<Upload> {
	try {
		const data = Buffer.from(await request.arrayBuffer());
		if (data.length === 0) throw new ValidationError([{ field, message: 'programme.errors.fileRequired' }]);
		return { filename, data };
	} catch (e) {
		if (isBodyTooLarge(e))
			throw new ValidationError([{ field, message: 'programme.errors.bodyTooBig', params: { max: bodySizeLimitMb() } }]);
		throw e;
	}
}

/**
 * A stored file as an HTTP answer. Ids are never reused (a new upload is a new file), so a year of
 * caching is safe; anything that is not an image or a PDF is downloaded, never rendered, and the
 * sandbox CSP keeps even those from running anything.
 */
export function fileResponse(
	file: { filename: string; content_type: string; size: number; data: Buffer | Uint8Array },
	publicEvent: boolean
): Response {
	const inline = isInlineType(file.content_type);
	const name = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.content_type,
			'content-length': String(file.data.length),
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': publicEvent ? 'public, max-age=31536000, immutable' : 'private, max-age=3600',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
}
