/**
 * Test support, not shipped code: a real SMTP server (the `smtp-server` package) on 127.0.0.1
 * that keeps what it receives, and a small MIME reader for the messages nodemailer writes
 * (multipart, base64, quoted-printable, encoded-word headers) so tests check what a mail
 * client would show rather than raw bytes.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	raw: Buffer;
	envelopeFrom: string | null;
	envelopeTo: string[];
	authUser: string | null;
	headers: Record<string, string>;
	messageId: string;
	subject: string;
	text: string | null;
	html: string | null;
	attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
	port: number;
	/** `smtp://127.0.0.1:PORT?ignoreTLS=true`, with `user:pass@` when credentials are given. */
	url(credentials?: { user: string; pass: string }): string;
	received: ReceivedMail[];
	/** Answers the next `count` messages with `code` (451: try again later) after reading them. */
	rejectNext(count: number, code?: number): void;
	close(): Promise<void>;
}

export async function startSmtpSink(
	options: {
		port?: number;
		users?: Record<string, string>;
		/** Waits this long before accepting each message (a slow server, for the shutdown test). */
		acceptAfterMs?: number;
		/** Told when a message's data starts arriving. */
		onDataStart?: () => void;
	} = {}
): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	let rejections = 0;
	let rejectionCode = 451;
	const server = new SMTPServer({
		logger: false,
		authOptional: true,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		disableReverseLookup: true,
		onAuth(auth, _session, callback) {
			const expected = options.users?.[auth.username ?? ''];
			if (expected !== undefined && expected === auth.password) callback(null, { user: auth.username });
			else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
		},
		onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
			const chunks: Buffer[] = [];
			options.onDataStart?.();
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => (options.acceptAfterMs ? setTimeout(accept, options.acceptAfterMs) : accept()));
			const accept = () => {
				if (rejections > 0) {
					rejections--;
					callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: rejectionCode }));
					return;
				}
				const raw = Buffer.concat(chunks);
				received.push({
					...readMessage(raw),
					raw,
					envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
					envelopeTo: session.envelope.rcptTo.map((r) => r.address),
					authUser: typeof session.user === 'string' ? session.user : null
				});
				callback(null);
			};
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url(credentials) {
			const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : '';
			return `smtp://${auth}127.0.0.1:${port}?ignoreTLS=true`;
		},
		received,
		rejectNext(count, code = 451) {
			rejections = count;
			rejectionCode = code;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

// ---- A MIME reader just big enough for nodemailer's output ----

interface Part {
	headers: Record<string, string>;
	body: string; // latin1: one char per byte
}

function splitPart(source: string): Part {
	const end = source.indexOf('\r\n\r\n');
	const head = end === -1 ? source : source.slice(0, end);
	const body = end === -1 ? '' : source.slice(end + 4);
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function headerParam(value: string | undefined, name: string): string | null {
	const match = value?.match(new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i'));
	return match ? match[1] : null;
}

function decodeQuotedPrintable(body: string): Buffer {
	const bytes: number[] = [];
	const text = body.replace(/=\r\n/g, '');
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
			bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(text.charCodeAt(i));
	}
	return Buffer.from(bytes);
}

function decodeBody(part: Part): Buffer {
	const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
	return Buffer.from(part.body.replace(/\r\n$/, ''), 'latin1');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes subjects. */
export function decodeHeaderWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
			kind.toUpperCase() === 'B'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8')
		);
}

function collectLeaves(part: Part, leaves: Part[]): void {
	const boundary = headerParam(part.headers['content-type'], 'boundary');
	if (!boundary || !/^multipart\//i.test(part.headers['content-type'] ?? '')) {
		leaves.push(part);
		return;
	}
	const sections = part.body.split(`--${boundary}`);
	// sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
	for (const section of sections.slice(1)) {
		if (section.startsWith('--')) break;
		collectLeaves(splitPart(section.replace(/^\r\n/, '').replace(/\r\n$/, '')), leaves);
	}
}

function readMessage(raw: Buffer): Omit<ReceivedMail, 'raw' | 'envelopeFrom' | 'envelopeTo' | 'authUser'> {
	const message = splitPart(raw.toString('latin1'));
	const leaves: Part[] = [];
	collectLeaves(message, leaves);
	let text: string | null = null;
	let html: string | null = null;
	const attachments: ReceivedMail['attachments'] = [];
	for (const leaf of leaves) {
		const type = (leaf.headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
		const disposition = leaf.headers['content-disposition'] ?? '';
		if (/^attachment/i.test(disposition)) {
			attachments.push({ filename: headerParam(disposition, 'filename') ?? '', contentType: type, content: decodeBody(leaf) });
		} else if (type === 'text/plain' && text === null) text = decodeBody(leaf).toString('utf8');
		else if (type === 'text/html' && html === null) html = decodeBody(leaf).toString('utf8');
	}
	return {
		headers: message.headers,
		messageId: message.headers['message-id'] ?? '',
		subject: decodeHeaderWords(Buffer.from(message.headers['subject'] ?? '', 'latin1').toString('utf8')),
		text,
		html,
		attachments
	};
}
