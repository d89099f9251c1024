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
 * In the web server the renderer yields to the event loop before each message: in a rush the
 * registrations come first and the confirmations are written in the gaps, then all at once when
 * the rush is over. Any number of processes may render the same outbox: a message is stored only
 * while it is still `preparing`.
 */
import type { Db } from '../db/index.ts';
import { startPollLoop } from './poll-loop.ts';
import { describeError, listMailToRender, postponeMailRender, storeRenderedMail, type NewMail, type RenderFrom } from './outbox.service.ts';

/** Writes one message from its `render_from`; `{ dropped }` when what it announced is gone. */
export type MailRenderer = (db: Db, renderFrom: RenderFrom) => Promise<NewMail | { dropped: string }>;
export type MailRenderers = Readonly<Record<string, MailRenderer>>;

const PAGE = 50;

/**
 * Renders every `preparing` message that is due and answers how many it stored. A renderer that
 * throws postpones its message (retried later, given up after MAX_MAIL_ATTEMPTS). With
 * `yieldEach`, waits one turn of the event loop before each message.
 */
export async function renderQueuedMail(
	db: Db,
	renderers: MailRenderers,
	options: { now?: Date; yieldEach?: boolean; log?: (line: string) => void } = {}
): Promise<number> {
	const log = options.log ?? ((line: string) => console.error(line));
	let stored = 0;
	for (;;) {
		const page = await listMailToRender(db, { limit: PAGE, now: options.now ?? new Date() });
		for (const mail of page) {
			if (options.yieldEach) await new Promise((resolve) => setImmediate(resolve));
			const render = renderers[mail.renderFrom.template];
			try {
				const outcome = render ? await render(db, mail.renderFrom) : { dropped: `no renderer for "${mail.renderFrom.template}"` };
				if (await storeRenderedMail(db, mail.id, outcome, { now: options.now })) stored++;
			} catch (error) {
				log(`[mail] ${mail.id} (${mail.renderFrom.template}) could not be written: ${describeError(error)}`);
				await postponeMailRender(db, mail.id, mail.attempts, error, { now: options.now });
			}
		}
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
	options: { pollMs?: number; onRendered?: () => void; log?: (line: string) => void } = {}
): MailRendererLoop {
	const log = options.log ?? ((line: string) => console.error(line));
	const loop = startPollLoop(
		async () => {
			try {
				if ((await renderQueuedMail(db, renderers, { yieldEach: true, log })) > 0) options.onRendered?.();
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
