import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newProgrammeEvent, publish, sessionInput, speakerInput } from '../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../validation.ts';
import { createSession } from './session.service.ts';
import {
	answerSpeakerInvitation,
	createSpeaker,
	deleteSpeaker,
	getSpeakerInvitation,
	hashInviteToken,
	inviteSpeaker,
	listSpeakers,
	removeSpeakerPortrait,
	setSpeakerPortrait,
	updateSpeaker
} from './speaker.service.ts';
import { getPublicProgramme, getTeamProgramme } from './programme.service.ts';

/** A real photo-sized JPEG (landscape, 1600 × 1000). */
async function photo(): Promise<Buffer> {
	return sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
		.jpeg({ quality: 90 })
		.toBuffer();
}

describe.each(DIALECTS)('speakers on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	const storedFiles = async (eventId: string) =>
		t.db.selectFrom('stored_file').select(['id', 'content_type', 'size']).where('event_id', '=', eventId).execute();

	it('test_createSpeaker_defaults_and_validation', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, {
			name: 'Awa Diallo',
			organisation: 'Hub',
			email: ' Awa@Example.ORG ',
			travelCostCents: 8550
		});
		expect(s).toMatchObject({
			name: 'Awa Diallo',
			organisation: 'Hub',
			roleTitle: '',
			bio: '',
			email: 'awa@example.org',
			status: 'invited',
			travelCostCents: 8550,
			portraitUrl: null,
			invitedAt: null,
			sessionIds: [],
			url: `http://localhost:3000/e/${event.slug}/intervenants/${s.id}`
		});
		expect(
			await issuesOf(createSpeaker(ctx, owner, event.slug, { name: '', email: 'pas-une-adresse', status: 'maybe', travelCostCents: -1 }))
		).toEqual(['name:errors.required', 'email:errors.email', 'status:errors.invalidChoice', 'travelCostCents:errors.tooSmall']);
		const changed = await updateSpeaker(ctx, owner, event.slug, s.id, { status: 'confirmed', email: '' });
		expect(changed).toMatchObject({ status: 'confirmed', email: null, organisation: 'Hub' });
	});

	it('test_setSpeakerPortrait_resizes_to_a_small_square_webp_and_replaces_the_old_one', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput());
		const original = await photo();
		const v = await setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'awa.jpg', data: original }, 'Awa devant la médiathèque');
		expect(v.portraitAlt).toBe('Awa devant la médiathèque');
		expect(v.portraitUrl).toMatch(new RegExp(`^http://localhost:3000/e/${event.slug}/programme/fichiers/[0-9a-f-]{36}$`));
		const [file] = await storedFiles(event.id);
		expect(file.content_type).toBe('image/webp');
		const row = await t.db.selectFrom('stored_file').select('data').where('id', '=', file.id).executeTakeFirstOrThrow();
		const meta = await sharp(Buffer.from(row.data)).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 320]);
		expect(Number(file.size)).toBeLessThan(original.length / 4);
		const again = await setSpeakerPortrait(ctx, owner, event.slug, s.id, {
			filename: 'awa2.png',
			data: await sharp(original).png().toBuffer()
		});
		expect(again.portraitUrl).not.toBe(v.portraitUrl);
		expect(again.portraitAlt).toBe('Awa devant la médiathèque');
		expect(await storedFiles(event.id)).toHaveLength(1);
		await removeSpeakerPortrait(ctx, owner, event.slug, s.id);
		expect(await storedFiles(event.id)).toHaveLength(0);
	});

	it('test_setSpeakerPortrait_not_an_image_or_too_heavy_changes_nothing', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput());
		const html = Buffer.from('<html><script>alert(1)</script></html>');
		expect(await issuesOf(setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'photo.jpg', data: html }))).toEqual([
			'portrait:programme.errors.notAnImage'
		]);
		const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
		expect(await issuesOf(setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'photo.svg', data: svg }))).toEqual([
			'portrait:programme.errors.notAnImage'
		]);
		const truncated = (await photo()).subarray(0, 400);
		expect(await issuesOf(setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'coupe.jpg', data: truncated }))).toEqual([
			'portrait:programme.errors.notAnImage'
		]);
		const heavy = Buffer.concat([await photo(), Buffer.alloc(50 * 1024 * 1024)]);
		try {
			await setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'lourd.jpg', data: heavy });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).issues).toEqual([
				{ field: 'portrait', message: 'programme.errors.imageTooBig', params: { size: 51, max: 10 } }
			]);
		}
		expect(await storedFiles(event.id)).toEqual([]);
		expect((await getTeamProgramme(ctx, owner, event.slug)).speakers[0].portraitUrl).toBeNull();
		// Someone outside the team cannot even get an image decoded.
		await expect(
			setSpeakerPortrait(ctx, await newUser(t.db), event.slug, s.id, { filename: 'a.jpg', data: await photo() })
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_createSpeaker_with_a_bad_portrait_and_a_bad_field_reports_both_and_stores_nothing', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		expect(
			await issuesOf(createSpeaker(ctx, owner, event.slug, { name: '' }, { filename: 'cv.pdf', data: Buffer.from('%PDF-1.4') }))
		).toEqual(['name:errors.required', 'portrait:programme.errors.notAnImage']);
		expect((await getTeamProgramme(ctx, owner, event.slug)).speakers).toEqual([]);
		expect(await storedFiles(event.id)).toEqual([]);
		const created = await createSpeaker(
			ctx,
			owner,
			event.slug,
			{ name: 'Awa', portraitAlt: 'Awa' },
			{ filename: 'awa.jpg', data: await photo() }
		);
		expect(created.portraitUrl).not.toBeNull();
		expect(
			await issuesOf(updateSpeaker(ctx, owner, event.slug, created.id, { email: 'faux' }, { filename: 'x.png', data: Buffer.from('x') }))
		).toEqual(['email:errors.email', 'portrait:programme.errors.notAnImage']);
		expect((await getTeamProgramme(ctx, owner, event.slug)).speakers[0]).toMatchObject({ email: null, portraitUrl: created.portraitUrl });
	});

	it('test_inviteSpeaker_queues_an_email_with_a_private_link_whose_token_is_stored_hashed', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa <b>Diallo</b>', email: 'awa@example.org' }));
		await createSession(ctx, owner, event.slug, sessionInput({ title: 'Atelier communs', speakers: [{ speakerId: s.id, part: 'host' }] }));
		const { email, link } = await inviteSpeaker(ctx, owner, event.slug, s.id);
		expect(email).toBe('awa@example.org');
		const token = link.split('/intervenant/')[1];
		expect(link).toBe(`http://localhost:3000/intervenant/${token}`);
		const mail = await t.db.selectFrom('mail_message').selectAll().where('to_address', '=', 'awa@example.org').executeTakeFirstOrThrow();
		expect(mail).toMatchObject({ kind: 'speaker-invitation', event_id: event.id, status: 'pending' });
		expect(mail.subject).toBe(`Invitation à intervenir : « ${event.title} »`);
		expect(mail.text_body).toContain(link);
		expect(mail.html_body).toContain('Awa &lt;b&gt;Diallo&lt;/b&gt;');
		const row = await t.db
			.selectFrom('speaker')
			.select(['invite_token_hash', 'invited_at'])
			.where('id', '=', s.id)
			.executeTakeFirstOrThrow();
		expect(row.invite_token_hash).toBe(hashInviteToken(token));
		expect(row.invite_token_hash).not.toContain(token);
		expect(row.invited_at).not.toBeNull();

		const seen = await getSpeakerInvitation(ctx, token);
		expect(seen.event.title).toBe(event.title);
		expect(seen.speaker).toMatchObject({ name: 'Awa <b>Diallo</b>', status: 'invited' });
		expect(seen.sessions.map((x) => [x.title, x.part])).toEqual([['Atelier communs', 'host']]);

		// A new invitation replaces the link.
		const second = await inviteSpeaker(ctx, owner, event.slug, s.id);
		await expect(getSpeakerInvitation(ctx, token)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getSpeakerInvitation(ctx, second.link.split('/intervenant/')[1])).speaker.id).toBe(s.id);
		await expect(getSpeakerInvitation(ctx, 'x'.repeat(43))).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_inviteSpeaker_without_email_is_a_conflict', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput());
		await expect(inviteSpeaker(ctx, owner, event.slug, s.id)).rejects.toBeInstanceOf(ConflictError);
		await expect(inviteSpeaker(ctx, await newUser(t.db), event.slug, s.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_answerSpeakerInvitation_confirms_and_completes_the_profile_with_a_portrait', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'A. Diallo', email: 'awa@example.org' }));
		const token = (await inviteSpeaker(ctx, owner, event.slug, s.id)).link.split('/intervenant/')[1];
		expect(await issuesOf(answerSpeakerInvitation(ctx, token, { name: 'Awa Diallo' }))).toEqual(['status:programme.errors.answerRequired']);
		expect(
			await issuesOf(
				answerSpeakerInvitation(ctx, token, { name: 'Awa Diallo', status: 'confirmed' }, { filename: 'x.jpg', data: Buffer.from('nope') })
			)
		).toEqual(['portrait:programme.errors.notAnImage']);
		expect((await getTeamProgramme(ctx, owner, event.slug)).speakers[0]).toMatchObject({
			name: 'A. Diallo',
			status: 'invited',
			respondedAt: null
		});
		const after = await answerSpeakerInvitation(
			ctx,
			token,
			{
				name: 'Awa Diallo',
				organisation: 'Médiathèque',
				roleTitle: 'Médiatrice',
				bio: 'Dix ans de médiation.',
				portraitAlt: 'Awa souriante',
				status: 'confirmed'
			},
			{ filename: 'moi.jpg', data: await photo() }
		);
		expect(after.speaker).toMatchObject({
			name: 'Awa Diallo',
			organisation: 'Médiathèque',
			status: 'confirmed',
			portraitAlt: 'Awa souriante'
		});
		expect(after.speaker.portraitUrl).not.toBeNull();
		const team = (await getTeamProgramme(ctx, owner, event.slug)).speakers[0];
		expect(team.respondedAt).not.toBeNull();
		const told = await t.db
			.selectFrom('mail_message')
			.select(['to_address', 'subject'])
			.where('kind', '=', 'speaker-answer')
			.where('event_id', '=', event.id)
			.execute();
		expect(told).toEqual([{ to_address: owner.email, subject: `« ${event.title} » : Awa Diallo a confirmé son intervention` }]);
		expect(team.email).toBe('awa@example.org');
		await answerSpeakerInvitation(ctx, token, { name: 'Awa Diallo', status: 'declined' });
		await publish(ctx, owner, event.slug);
		expect((await getPublicProgramme(ctx, null, event.slug)).speakers).toEqual([]);
	});

	it('test_listSpeakers_team_sees_private_fields_public_only_profiles', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa', email: 'awa@example.org', status: 'confirmed' }));
		await expect(listSpeakers(ctx, null, event.slug)).rejects.toBeInstanceOf(NotFoundError);
		await publish(ctx, owner, event.slug);
		const pub = await listSpeakers(ctx, null, event.slug);
		expect(pub.map((s) => s.name)).toEqual(['Awa']);
		expect(pub[0]).not.toHaveProperty('email');
		expect((await listSpeakers(ctx, owner, event.slug))[0]).toHaveProperty('email', 'awa@example.org');
	});

	it('test_deleteSpeaker_leaves_sessions_and_deletes_portrait', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSpeaker(ctx, owner, event.slug, speakerInput());
		await setSpeakerPortrait(ctx, owner, event.slug, s.id, { filename: 'p.jpg', data: await photo() });
		const session = await createSession(ctx, owner, event.slug, sessionInput({ speakerIds: [s.id] }));
		await deleteSpeaker(ctx, owner, event.slug, s.id);
		const p = await getTeamProgramme(ctx, owner, event.slug);
		expect(p.speakers).toEqual([]);
		expect(p.sessions.find((x) => x.id === session.id)?.speakerIds).toEqual([]);
		expect(await storedFiles(event.id)).toEqual([]);
	});
});
