import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newProgrammeEvent, publish } from '../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { prepareNextEdition } from '../reports/next-edition.service.ts';
import { addEventImage, listEventImages, removeEventImage } from './event-image.service.ts';

async function picture(width: number, height: number, alpha = false): Promise<Buffer> {
	const img = sharp({
		create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 10, g: 80, b: 160, alpha: 0.5 } : { r: 200, g: 120, b: 40 } }
	});
	return alpha ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
}

describe.each(DIALECTS)('event page images on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	const files = async (eventId: string) =>
		t.db.selectFrom('stored_file').select(['id', 'content_type', 'data']).where('event_id', '=', eventId).execute();
	const idOf = (src: string) => src.split('/').pop()!;

	it('test_addEventImage_banner_is_cropped_to_three_widths_and_replaces_the_previous_one', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const first = await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'banner', alt: 'La médiathèque' },
			{ filename: 'a.jpg', data: await picture(2400, 1600) }
		);
		expect(first).toMatchObject({ kind: 'banner', alt: 'La médiathèque', width: 1920, height: 640, name: '', link: null });
		const widths = first.srcset.split(', ').map((s) => Number(s.split(' ')[1].replace('w', '')));
		expect(widths).toEqual([640, 1280, 1920]);
		const stored = await files(event.id);
		expect(stored).toHaveLength(3);
		for (const f of stored) {
			const meta = await sharp(Buffer.from(f.data)).metadata();
			expect([f.content_type, meta.format]).toEqual(['image/webp', 'webp']);
			expect(meta.width! / meta.height!).toBeCloseTo(3, 1);
		}
		// A small original is never enlarged: one file at its own width.
		const second = await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'banner', alt: 'Petite' },
			{ filename: 'b.png', data: await picture(600, 300) }
		);
		expect([second.width, second.height, second.srcset.split(', ').length]).toEqual([600, 200, 1]);
		expect((await files(event.id)).map((f) => f.id)).toEqual([idOf(second.src)]);
		expect((await listEventImages(ctx, owner, event.slug)).banner?.id).toBe(second.id);
	});

	it('test_addEventImage_logos_keep_proportions_and_transparency_in_order', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const a = await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'organiser', name: 'Hub « Sud » & Co', link: 'https://hub.example.org', alt: 'Hub Sud' },
			{ filename: 'logo.png', data: await picture(1000, 400, true) }
		);
		expect([a.width, a.height, a.link]).toEqual([320, 128, 'https://hub.example.org']);
		const meta = await sharp(Buffer.from((await files(event.id)).find((f) => f.id === idOf(a.src))!.data)).metadata();
		expect([meta.width, meta.hasAlpha]).toEqual([160, true]);
		const b = await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'funder', name: 'Région', alt: 'Région' },
			{ filename: 'r.jpg', data: await picture(300, 300) }
		);
		const c = await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'organiser', name: 'Ville', alt: 'Ville' },
			{ filename: 'v.jpg', data: await picture(300, 100) }
		);
		const list = await listEventImages(ctx, owner, event.slug);
		expect(list.organisers.map((i) => i.id)).toEqual([a.id, c.id]);
		expect(list.funders.map((i) => [i.id, i.width, i.height])).toEqual([[b.id, 150, 150]]);
		await removeEventImage(ctx, owner, event.slug, a.id);
		expect((await listEventImages(ctx, owner, event.slug)).organisers.map((i) => i.id)).toEqual([c.id]);
		expect(await files(event.id)).toHaveLength(4);
	});

	it('test_addEventImage_reports_every_problem_at_once_and_stores_nothing', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		expect(
			await issuesOf(
				addEventImage(
					ctx,
					owner,
					event.slug,
					{ kind: 'funder', name: '', link: 'ftp://x', alt: '' },
					{ filename: 'x.jpg', data: Buffer.from('pas une image') }
				)
			)
		).toEqual(['link:errors.url', 'alt:errors.required', 'name:errors.required', 'image:programme.errors.notAnImage']);
		expect(await issuesOf(addEventImage(ctx, owner, event.slug, { kind: 'banner', alt: 'x' }, undefined))).toEqual([
			'image:programme.errors.fileRequired'
		]);
		const big = { filename: 'big.jpg', data: Buffer.concat([await picture(100, 100), Buffer.alloc(11 * 1024 * 1024)]) };
		expect(await issuesOf(addEventImage(ctx, owner, event.slug, { kind: 'banner', alt: 'x' }, big))).toEqual([
			'image:programme.errors.imageTooBig'
		]);
		expect(await files(event.id)).toEqual([]);
	});

	it('test_event_images_permissions_and_drafts', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const stranger = await newUser(ctx.db);
		const logo = { filename: 'l.png', data: await picture(200, 100) };
		// Someone outside the team does not even learn that the draft exists.
		await expect(addEventImage(ctx, stranger, event.slug, { kind: 'funder', name: 'X', alt: 'X' }, logo)).rejects.toBeInstanceOf(
			NotFoundError
		);
		const added = await addEventImage(ctx, owner, event.slug, { kind: 'funder', name: 'X', alt: 'X' }, logo);
		// A draft's images are its team's only; once published, everyone sees them, and only the team changes them.
		await expect(listEventImages(ctx, null, event.slug)).rejects.toBeInstanceOf(NotFoundError);
		await publish(ctx, owner, event.slug);
		expect((await listEventImages(ctx, null, event.slug)).funders).toHaveLength(1);
		await expect(removeEventImage(ctx, stranger, event.slug, added.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(addEventImage(ctx, stranger, event.slug, { kind: 'funder', name: 'X', alt: 'X' }, logo)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect((await listEventImages(ctx, null, event.slug)).funders).toHaveLength(1);
	});

	it('test_the_next_edition_keeps_the_banner_and_logos_as_its_own_files', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		await addEventImage(ctx, owner, event.slug, { kind: 'banner', alt: 'La salle' }, { filename: 'b.jpg', data: await picture(1400, 600) });
		await addEventImage(
			ctx,
			owner,
			event.slug,
			{ kind: 'funder', name: 'Région', alt: 'Région' },
			{ filename: 'r.png', data: await picture(400, 200, true) }
		);
		const next = await prepareNextEdition(ctx, owner, event.slug);
		const before = await listEventImages(ctx, owner, event.slug);
		const after = await listEventImages(ctx, owner, next.slug);
		expect([after.banner?.alt, after.funders.map((f) => f.name)]).toEqual(['La salle', ['Région']]);
		expect(after.banner?.srcset.split(', ').length).toBe(before.banner?.srcset.split(', ').length);
		// Its own files: removing the old edition's banner leaves the new one whole.
		await removeEventImage(ctx, owner, event.slug, before.banner!.id);
		const nextRow = await t.db.selectFrom('event').select('id').where('slug', '=', next.slug).executeTakeFirstOrThrow();
		expect(await files(nextRow.id)).toHaveLength(after.banner!.srcset.split(', ').length + after.funders[0].srcset.split(', ').length);
	});
});
