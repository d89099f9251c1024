/**
 * Writes the messages queued unwritten (`preparing`, see newMailToRenderRow) with the renderer
 * their `render_from` names; each then becomes due and a worker sends it like any other.
 *
 * Why a message may be queued unwritten: writing a registration confirmation (the person's
 * programme, a calendar file, a QR code image, the HTML) costs twice what registering does. Done
 * in the registration's transaction, it halved how many people a rush could register per second.
 * The row queued in that transaction is the guarantee (no registration without its confirmation);
 * the writing can wait a moment.
 *
 * In the web server the renderer yields to the event loop before each message, and holds while a
 * registration rush is on (`hold`, see registrationRushOn), writing at least one message a second
 * meanwhile: the people registering are answered first, and their confirmations are written when
 * the rush is over, four at a time (on PostgreSQL their round trips overlap). Any number of
 * processes may render the same outbox: a message is stored only while it is still `preparing`.
 */
import type { Db } from '../db/index.ts';
import { startPollLoop } from './poll-loop.ts';
import {
	describeError,
	listMailToRender,
	type MailToRender,
	postponeMailRender,
	storeRenderedMail,
	type NewMail,
	type RenderFrom
} from './outbox.service.ts';

/** Writes one message from its `render_from`; `{ dropped }` when what it announced is gone. */
export type MailRenderer = (db: Db, renderFrom: RenderFrom) => Promise<NewMail | { dropped: string }>;
export type MailRenderers = Readonly<Record<string, MailRenderer>>;

const PAGE = 50;
/** Messages the server's renderer writes at once (see renderQueuedMail). */
const CONCURRENCY = 4;

/**
 * When the process has more urgent work (a registration rush, see registrationRushOn): while
 * `while()` answers true the renderer waits, `everyMs` at a time, but never more than `atMostMs`
 * before a message, so that confirmations still go out in a rush that would never end.
 */
export interface Hold {
	while: () => boolean;
	everyMs?: number;
	atMostMs?: number;
}

async function waitWhile(hold: Hold): Promise<void> {
	const every = hold.everyMs ?? 25;
	const until = performance.now() + (hold.atMostMs ?? 1000);
	while (hold.while() && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, every));
}

/**
 * Renders every `preparing` message that is due and answers how many it stored. A renderer that
 * throws postpones its message (retried later, given up after MAX_MAIL_ATTEMPTS). With
 * `yieldEach`, waits one turn of the event loop before each message; with `hold`, waits while it
 * says so; with `concurrency`, writes that many messages at once.
 */
export async function renderQueuedMail(
	db: Db,
	renderers: MailRenderers,
	options: { now?: Date; yieldEach?: boolean; hold?: Hold; concurrency?: number; log?: (line: string) => void } = {}
): Promise<number> {
	const log = options.log ?? ((line: string) => console.error(line));
	let stored = 0;
	const renderOne = async (mail: MailToRender) => {
		if (options.yieldEach) await new Promise((resolve) => setImmediate(resolve));
		if (options.hold) await waitWhile(options.hold);
		const render = renderers[mail.renderFrom.template];
		try {
			const outcome = render ? await render(db, mail.renderFrom) : { dropped: `no renderer for "${mail.renderFrom.template}"` };
			if (await storeRenderedMail(db, mail.id, outcome, { now: options.now })) stored++;
		} catch (error) {
			log(`[mail] ${mail.id} (${mail.renderFrom.template}) could not be written: ${describeError(error)}`);
			await postponeMailRender(db, mail.id, mail.attempts, error, { now: options.now });
		}
	};
	for (;;) {
		const page = await listMailToRender(db, { limit: PAGE, now: options.now ?? new Date() });
		// A few at a time: on PostgreSQL each message waits for its round trips, which overlap.
		const todo = [...page];
		const lanes = Math.max(1, Math.min(options.concurrency ?? 1, todo.length));
		await Promise.all(
			Array.from({ length: lanes }, async () => {
				for (let mail = todo.shift(); mail; mail = todo.shift()) await renderOne(mail);
			})
		);
		if (page.length < PAGE) return stored;
	}
}

export interface MailRendererLoop {
	/** Looks at the outbox now rather than at the next poll; call it after queueing a message. */
	kick(): void;
	/** Resolves once nothing due is left to write. */
	drain(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * Renders what is queued now, then whenever kicked, and every `pollMs` (for messages queued by
 * another process, or postponed). `onRendered` is told after a round stored messages (to kick the
 * mail worker). Never throws from its loop: a failure is logged in one line and tried again.
 */
export function startMailRenderer(
	db: Db,
	renderers: MailRenderers,
	options: { pollMs?: number; hold?: Hold; onRendered?: () => void; log?: (line: string) => void } = {}
): MailRendererLoop {
	const log = options.log ?? ((line: string) => console.error(line));
	const loop = startPollLoop(
		async () => {
			try {
				if ((await renderQueuedMail(db, renderers, { yieldEach: true, hold: options.hold, concurrency: CONCURRENCY, log })) > 0)
					options.onRendered?.();
			} catch (error) {
				log(`[mail] could not read the messages to write: ${describeError(error)}`);
			}
		},
		{ pollMs: options.pollMs ?? 2000, unref: true }
	);
	return {
		kick() {
			if (!loop.stopping) void loop.run();
		},
		drain: () => loop.run(),
		stop: () => loop.stop()
	};
}
