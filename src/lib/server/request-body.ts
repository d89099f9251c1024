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
