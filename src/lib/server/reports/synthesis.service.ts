/**
 * Workshop syntheses: sections of points (« Prérequis / Moyens / Actions »…) and the recording's
 * link, written by the organisers or by a speaker of the session from their private link. They
 * appear on the public session page and in the report.
 */
import type { DbOrTx } from '../db/index.ts';
import { nowIso } from '../db/time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { findEventBySlug } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { getSpeakerInvitation } from '../programme/speaker.service.ts';
import { NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { findSynthesisRow, upsertSynthesisRow } from './report.queries.ts';
import { parseReportInput, synthesisInputSchema } from './report.schema.ts';

export interface SynthesisView {
	sessionId: string;
	sections: { title: string; points: string[] }[];
	recordingUrl: string | null;
	/** Raised at each save; 0 before the first one (no lost update between organisers and speakers). */
	version: number;
}

/** A session's synthesis (empty when none was written); no permission check. */
export async function readSynthesis(db: DbOrTx, sessionId: string): Promise<SynthesisView> {
	const row = await findSynthesisRow(db, sessionId);
	let sections: SynthesisView['sections'];
	try {
		sections = row ? JSON.parse(row.sections) : [];
	} catch {
		sections = [];
	}
	return { sessionId, sections, recordingUrl: row?.recording_url ?? null, version: row ? Number(row.version) : 0 };
}

/**
 * Writes the synthesis at the version the caller loaded (`version`, 0 before it existed), or at the
 * one read here: StaleVersionError and nothing written when someone saved in between.
 */
async function store(db: DbOrTx, eventId: string, sessionId: string, input: unknown, version?: ExpectedVersion): Promise<SynthesisView> {
	const data = parseReportInput(synthesisInputSchema, input);
	return withTx(db, async (tx) => {
		const row = await findSynthesisRow(tx, sessionId);
		const versions = versionsToWrite(version, row ? Number(row.version) : 0);
		const written = await upsertSynthesisRow(
			tx,
			{
				session_id: sessionId,
				event_id: eventId,
				sections: JSON.stringify(data.sections),
				recording_url: data.recordingUrl ?? null,
				updated_at: nowIso()
			},
			versions
		);
		if (!written) {
			const now = await findSynthesisRow(tx, sessionId);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
		return { sessionId, sections: data.sections, recordingUrl: data.recordingUrl ?? null, version: versions[0] + 1 };
	});
}

async function sessionOf(db: DbOrTx, slug: string, sessionId: string) {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	const session = await db
		.selectFrom('session')
		.select(['id', 'title'])
		.where('id', '=', sessionId)
		.where('event_id', '=', event.id)
		.executeTakeFirst();
	return { event, session };
}

/** The team's read of a session's synthesis, with the session's title. */
export async function getSynthesis(ctx: ServiceContext, actor: Actor, slug: string, sessionId: string) {
	const { event, session } = await sessionOf(ctx.db, slug, sessionId);
	await assertEventPermission(ctx.db, event.id, actor, 'view');
	if (!session) throw new NotFoundError('session');
	return { title: session.title, synthesis: await readSynthesis(ctx.db, sessionId) };
}

/**
 * Replaces a session's synthesis (organisers); a French message per problem and nothing stored when
 * invalid. With `version` (form, If-Match): StaleVersionError when it was saved since it was loaded.
 */
export async function saveSynthesis(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<SynthesisView> {
	const { event, session } = await sessionOf(ctx.db, slug, sessionId);
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	if (!session) throw new NotFoundError('session');
	return store(ctx.db, event.id, sessionId, input, version);
}

/** The sessions a speaker may write the synthesis of, from their private link (NotFoundError when stale). */
export async function getSpeakerSyntheses(ctx: ServiceContext, token: string) {
	const invitation = await getSpeakerInvitation(ctx, token);
	const syntheses = await Promise.all(invitation.sessions.map(async (s) => ({ ...s, synthesis: await readSynthesis(ctx.db, s.id) })));
	return { invitation, syntheses };
}

/** A speaker writes the synthesis of one of their sessions from their private link (`version`: as saveSynthesis). */
export async function saveSynthesisAsSpeaker(
	ctx: ServiceContext,
	token: string,
	sessionId: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<SynthesisView> {
	const invitation = await getSpeakerInvitation(ctx, token);
	if (!invitation.sessions.some((s) => s.id === sessionId)) throw new NotFoundError('session');
	const { event } = await sessionOf(ctx.db, invitation.event.slug, sessionId);
	return store(ctx.db, event.id, sessionId, input, version);
}
