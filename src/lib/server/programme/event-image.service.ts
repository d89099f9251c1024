/**
 * The public event page's banner and the logos of its organisers and funders. Organisers who may
 * edit the event upload them; each is checked, resized on the server to a few widths (WebP) and
 * stored in `stored_file`, so that the page offers them through `srcset` and a phone loads the
 * small one. One banner per event (a new one replaces it); logos keep the order they were added in.
 */
import { assertEventPermission, getEventRole, roleAllows, type Actor } from '../auth/permissions.ts';
import { nowIso } from '../db/time.ts';
import { findEventBySlug, type EventRow } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { withTx } from '../tx.ts';
import { NotFoundError, ValidationError, toFieldIssues, type FieldIssue } from '../validation.ts';
import type { DbOrTx } from '../db/index.ts';
import {
	deleteEventImageRow,
	deleteStoredFiles,
	findEventImageRow,
	insertEventImageRow,
	listEventImageRows,
	nextEventImagePosition,
	type EventImageRow
} from './event-image.queries.ts';
import { eventImageSchema, type EventImageKind, type EventImageView } from './event-image.schema.ts';
import { insertStoredFile } from './programme.queries.ts';
import { filePath } from './programme.service.ts';
import { makeResponsiveImage, type ImageVariant, type Upload } from './uploads.ts';

/** Widths kept: a banner fills the page (3 : 1); a logo is shown about 160 px wide at most. */
const BANNER_WIDTHS = [640, 1280, 1920];
const BANNER_ASPECT = 3;
const LOGO_WIDTHS = [160, 320];
const LOGO_MAX_HEIGHT_RATIO = 0.5;
/** Enough for a consortium; more would make the page heavy. */
export const MAX_LOGOS = 24;

export interface EventImages {
	banner: EventImageView | null;
	organisers: EventImageView[];
	funders: EventImageView[];
}

function toView(slug: string, row: EventImageRow): EventImageView {
	const variants = JSON.parse(row.variants) as { width: number; fileId: string }[];
	return {
		id: row.id,
		kind: row.kind as EventImageKind,
		name: row.name,
		link: row.link,
		alt: row.alt,
		width: Number(row.width),
		height: Number(row.height),
		src: filePath(slug, variants[0].fileId),
		srcset: variants.map((v) => `${filePath(slug, v.fileId)} ${v.width}w`).join(', ')
	};
}

async function eventFor(db: DbOrTx, actor: Actor, slug: string, action: 'view' | 'edit'): Promise<EventRow> {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	if (action === 'edit') await assertEventPermission(db, event.id, actor, 'edit');
	else if (event.status === 'draft' && !roleAllows(await getEventRole(db, event.id, actor), 'view')) throw new NotFoundError('event');
	return event;
}

/** The event's banner and logos, as its public page shows them (a draft's only to its team). */
export async function listEventImages(ctx: ServiceContext, viewer: Actor, slug: string): Promise<EventImages> {
	const event = await eventFor(ctx.db, viewer, slug, 'view');
	const views = (await listEventImageRows(ctx.db, event.id)).map((r) => toView(event.slug, r));
	return {
		banner: views.find((v) => v.kind === 'banner') ?? null,
		organisers: views.filter((v) => v.kind === 'organiser'),
		funders: views.filter((v) => v.kind === 'funder')
	};
}

/**
 * Adds a banner (replacing the one there was) or a logo. The fields and the image are checked
 * together, so that a form shows every problem at once: ValidationError on `name`, `link`, `alt`
 * or `image` (missing, too large, not an image), and nothing changes.
 */
export async function addEventImage(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	upload: Upload | undefined
): Promise<EventImageView> {
	// Permission first: nobody gets an image decoded by the server without the right to store it.
	await eventFor(ctx.db, actor, slug, 'edit');
	const issues: FieldIssue[] = [];
	const parsed = eventImageSchema.safeParse(input);
	if (!parsed.success) issues.push(...toFieldIssues(parsed.error));
	let variants: ImageVariant[] = [];
	if (!upload || upload.data.length === 0) issues.push({ field: 'image', message: 'programme.errors.fileRequired' });
	else {
		const kind = parsed.success ? parsed.data.kind : 'organiser';
		try {
			variants =
				kind === 'banner'
					? await makeResponsiveImage(upload, 'image', BANNER_WIDTHS, { aspect: BANNER_ASPECT })
					: await makeResponsiveImage(upload, 'image', LOGO_WIDTHS, { maxHeightRatio: LOGO_MAX_HEIGHT_RATIO });
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			issues.push(...e.issues);
		}
	}
	if (issues.length || !parsed.success) throw new ValidationError(issues);
	const data = parsed.data;
	const id = crypto.randomUUID();
	await withTx(ctx.db, async (tx) => {
		const event = await eventFor(tx, actor, slug, 'edit');
		const existing = await listEventImageRows(tx, event.id);
		if (data.kind === 'banner') for (const old of existing.filter((r) => r.kind === 'banner')) await deleteImage(tx, event.id, old);
		else if (existing.filter((r) => r.kind !== 'banner').length >= MAX_LOGOS)
			throw new ValidationError([{ field: 'image', message: 'eventImages.errors.tooMany', params: { max: MAX_LOGOS } }]);
		const now = nowIso();
		const stored: { width: number; fileId: string }[] = [];
		for (const v of variants) {
			const fileId = crypto.randomUUID();
			await insertStoredFile(tx, {
				id: fileId,
				event_id: event.id,
				filename: `${data.kind}-${v.width}.webp`,
				content_type: 'image/webp',
				size: v.data.length,
				data: v.data,
				created_at: now
			});
			stored.push({ width: v.width, fileId });
		}
		const widest = variants[variants.length - 1];
		await insertEventImageRow(tx, {
			id,
			event_id: event.id,
			kind: data.kind,
			position: await nextEventImagePosition(tx, event.id, data.kind),
			name: data.kind === 'banner' ? '' : data.name,
			link: data.kind === 'banner' ? null : (data.link ?? null),
			alt: data.alt,
			width: widest.width,
			height: widest.height,
			variants: JSON.stringify(stored),
			created_at: now
		});
	});
	const event = await eventFor(ctx.db, actor, slug, 'edit');
	const row = await findEventImageRow(ctx.db, event.id, id);
	if (!row) throw new NotFoundError('image');
	return toView(event.slug, row);
}

async function deleteImage(tx: DbOrTx, eventId: string, row: EventImageRow): Promise<void> {
	await deleteEventImageRow(tx, row.id);
	const variants = JSON.parse(row.variants) as { fileId: string }[];
	await deleteStoredFiles(
		tx,
		eventId,
		variants.map((v) => v.fileId)
	);
}

/** Removes a banner or a logo, with its files. */
export async function removeEventImage(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const event = await eventFor(tx, actor, slug, 'edit');
		const row = await findEventImageRow(tx, event.id, id);
		if (!row) throw new NotFoundError('image');
		await deleteImage(tx, event.id, row);
	});
}
