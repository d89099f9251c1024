/**
 * Request bodies read with a limit of their own. The server's limit (`BODY_SIZE_LIMIT`, set to
 * 25 MB by bin/serve.js so that portraits and documents can be uploaded) is far more than a form
 * or a JSON document needs: these readers stop at the caller's limit instead, with an error that
 * has status 413 like the server's own, so the same code turns both into a French message.
 */

/** A body over its limit (status 413, as adapter-node's error for BODY_SIZE_LIMIT). */
export class BodyTooLarge extends Error {
	readonly status = 413;
	readonly limit: number;
	constructor(limit: number) {
		super(`request body over ${limit} bytes`);
		this.name = 'BodyTooLarge';
		this.limit = limit;
	}
}

/** Whether `e` says a body was too large (ours, or adapter-node's while reading). */
export function isBodyTooLarge(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 413;
}

/** At most `max` bytes of the body; BodyTooLarge past that, told by Content-Length when it can be. */
export async function readBodyCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
	const declared = Number(request.headers.get('content-length') ?? '');
	if (Number.isFinite(declared) && declared > max) throw new BodyTooLarge(max);
	if (!request.body) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel().catch(() => {});
			throw new BodyTooLarge(max);
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		body.set(c, at);
		at += c.byteLength;
	}
	return body;
}

/** The body as UTF-8 text, at most `max` bytes. */
export async function readTextCapped(request: Request, max: number): Promise<string> {
	return new TextDecoder().decode(await readBodyCapped(request, max));
}

/** The body as form data (url-encoded or multipart), at most `max` bytes. */
export async function readFormCapped(request: Request, max: number): Promise<FormData> {
	const body = await readBodyCapped(request, max);
	return new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
}

/** A body that cannot be read as what its content type says (status 400). */
export class BodyMalformed extends Error {
	readonly status = 400;
	constructor(reason: string) {
		super(`malformed request body: ${reason}`);
		this.name = 'BodyMalformed';
	}
}

/** Whether `e` says a body could not be parsed (ours, or the platform's TypeError on a bad form). */
export function isBodyMalformed(e: unknown): boolean {
	return e instanceof BodyMalformed;
}

/** The media type of a request, lower case, without parameters ('' when there is none). */
export function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

export function isFormMediaType(type: string): boolean {
	return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/**
 * `body` parsed as the form its content type announces; BodyMalformed when it is not a form
 * type, when multipart has no boundary, or when the platform cannot parse it (truncated).
 */
export async function parseFormBody(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData> {
	const type = contentType.split(';')[0].trim().toLowerCase();
	if (!isFormMediaType(type)) throw new BodyMalformed(`not a form (${type || 'no content type'})`);
	if (type === 'multipart/form-data' && !/;\s*boundary=/i.test(contentType)) throw new BodyMalformed('multipart without a boundary');
	try {
		return await new Response(body, { headers: { 'content-type': contentType } }).formData();
	} catch {
		throw new BodyMalformed('the form cannot be parsed');
	}
}

/** Whether a form's names or text values hold a NUL character (PostgreSQL refuses it in text). */
export function formHasNul(form: FormData): boolean {
	for (const [name, value] of form) if (name.includes('\0') || (typeof value === 'string' && value.includes('\0'))) return true;
	return false;
}

/** Whether a JSON or text body holds a NUL character, raw or escaped (`\u0000`). */
export function textHasNul(body: Uint8Array): boolean {
	if (body.includes(0)) return true;
	return /\\u0000/i.test(new TextDecoder().decode(body));
}
