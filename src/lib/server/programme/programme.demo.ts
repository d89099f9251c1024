/**
 * A realistic, fictional programme for demonstrations and the benchmark: rooms, speakers and
 * sessions over two days, made through the services (the same checks as the app).
 */
import type { Actor } from '../auth/permissions.ts';
import { ensureUser } from '../auth/user.service.ts';
import { createDb } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createEvent, updateEvent, type ServiceContext } from '../events/event.service.ts';
import { createRoom } from './room.service.ts';
import { createSession } from './session.service.ts';
import { createSpeaker } from './speaker.service.ts';
import type { SessionFormat } from './programme.schema.ts';
import sharp from 'sharp';
import { addEventImage } from './event-image.service.ts';

const DAY1 = '2027-06-10';
const DAY2 = '2027-06-11';
const paris = (day: string, hhmm: string) => `${day}T${hhmm}`;

/** Event dates that fit `seedProgramme`'s full days (10 and 11 June 2027, Paris time). */
export const bigEventDates = { startsAt: '2027-06-10T09:00:00+02:00', endsAt: '2027-06-11T17:30:00+02:00' };

const FORMATS: SessionFormat[] = ['plenary', 'workshop', 'round-table', 'masterclass', 'demo', 'pitch'];

/**
 * A realistic programme over two days: `rooms` rooms, `speakers` speakers and `sessions`
 * sessions: a lunch and a coffee break each day, then parallel tracks of one hour from 9:00 to
 * 17:30 with 15 minutes between slots; each session gets two speakers and one of `themes`. The event must run from
 * 9:00 on the first day to 17:30 on the last (`bigEventDates`).
 */
export async function seedProgramme(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	size: { rooms: number; speakers: number; sessions: number; days?: string[]; themes?: string[] }
): Promise<{ roomIds: string[]; speakerIds: string[]; sessionIds: string[] }> {
	const days = size.days ?? [DAY1, DAY2];
	const roomNames = ['Grande scène', 'Espace 1', 'Espace 2', 'Espace 3', 'Espace 4'];
	const roomIds: string[] = [];
	for (let i = 0; i < size.rooms; i++)
		roomIds.push(
			(
				await createRoom(ctx, actor, slug, {
					name: roomNames[i] ?? `Espace ${i}`,
					capacity: i === 0 ? 250 : 40,
					accessibilityNotes: 'Accès de plain-pied'
				})
			).id
		);
	const speakerIds: string[] = [];
	for (let i = 0; i < size.speakers; i++)
		speakerIds.push(
			(
				await createSpeaker(ctx, actor, slug, {
					name: `Intervenant·e ${String(i + 1).padStart(2, '0')}`,
					organisation: ['Hub numérique', 'Médiathèque', 'Conseil départemental', 'Tiers-lieu La Filature'][i % 4],
					roleTitle: 'Médiation numérique',
					bio: 'Accompagne les habitants et les aidants numériques du territoire depuis dix ans.',
					status: i % 7 === 0 ? 'invited' : 'confirmed'
				})
			).id
		);
	const sessionIds: string[] = [];
	// Slots of 60 min + 15 min of break, 9:00 to 17:00, lunch at 12:45.
	const slots = ['09:00', '10:15', '11:30', '14:00', '15:15', '16:30'];
	const addMinutes = (hhmm: string, m: number) => {
		const [h, mi] = hhmm.split(':').map(Number);
		const t = h * 60 + mi + m;
		return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
	};
	let placed = 0;
	for (const day of days) {
		for (const [title, format, from, to] of [
			['Déjeuner', 'social', '12:45', '13:45'],
			['Pause café', 'break', '10:00', '10:15']
		] as const) {
			if (placed >= size.sessions) break;
			sessionIds.push(
				(await createSession(ctx, actor, slug, { title: `${title} (${day})`, format, startsAt: paris(day, from), endsAt: paris(day, to) }))
					.id
			);
			placed++;
		}
	}
	outer: for (const day of days) {
		for (const slot of slots) {
			for (let r = 0; r < roomIds.length; r++) {
				if (placed >= size.sessions) break outer;
				const n = sessionIds.length;
				const speakerA = speakerIds.length ? speakerIds[(n * 2) % speakerIds.length] : null;
				const speakerB = speakerIds.length > 1 ? speakerIds[(n * 2 + 1) % speakerIds.length] : null;
				sessionIds.push(
					(
						await createSession(ctx, actor, slug, {
							title: `Session ${n + 1} : communs numériques et inclusion`,
							format: FORMATS[n % FORMATS.length],
							description: 'Un temps pour partager des pratiques de médiation et construire ensemble des réponses locales.',
							startsAt: paris(day, slot),
							endsAt: paris(day, addMinutes(slot, 60)),
							roomId: roomIds[r],
							speakers: [speakerA, speakerB].filter(Boolean).map((id, i) => ({ speakerId: id, part: i === 0 ? 'speaker' : 'host' })),
							expectedAttendance: 30,
							themes: size.themes?.length ? [size.themes[n % size.themes.length]] : []
						})
					).id
				);
				placed++;
			}
		}
	}
	return { roomIds, speakerIds, sessionIds };
}

/**
 * A published event whose programme has 40 sessions, 60 speakers and 3 rooms over 2 days, in a
 * database of its own (migrated here): what `bench:programme`, `report:ecoindex` and the EcoIndex
 * browser test measure.
 */
/**
 * A photo-like picture (soft gradient over blurred grain, which compresses about as a photo does),
 * and logos (flat shapes and a name), for the demonstration's banner and logos.
 */
async function demoPicture(width: number, height: number, hue: number): Promise<Buffer> {
	const grain = await sharp({
		create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } }
	})
		.blur(2)
		.png()
		.toBuffer();
	const gradient = Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},55%,45%)"/><stop offset="1" stop-color="hsl(${hue + 60},60%,70%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width * 0.7}" cy="${height * 0.4}" r="${height / 3}" fill="hsl(${hue + 180},50%,80%)" opacity="0.6"/></svg>`
	);
	return sharp(gradient)
		.composite([{ input: grain, blend: 'soft-light' }])
		.jpeg({ quality: 88 })
		.toBuffer();
}

async function demoLogo(name: string, hue: number): Promise<Buffer> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240"><rect x="10" y="40" width="160" height="160" rx="30" fill="hsl(${hue},60%,40%)"/><text x="190" y="150" font-family="sans-serif" font-size="56" font-weight="700" fill="#222">${name}</text></svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A banner and four logos (two organisers with their link, two funders) on the event's page. */
export async function seedEventImages(ctx: ServiceContext, actor: Actor, slug: string): Promise<void> {
	await addEventImage(
		ctx,
		actor,
		slug,
		{ kind: 'banner', alt: 'Participant·es en atelier dans la grande salle du tiers-lieu' },
		{ filename: 'banniere.jpg', data: await demoPicture(2400, 1000, 200) }
	);
	const logos = [
		{ kind: 'organiser', name: 'Hub numérique', link: 'https://hub.example.org' },
		{ kind: 'organiser', name: 'La Filature', link: 'https://filature.example.org' },
		{ kind: 'funder', name: 'Région', link: '' },
		{ kind: 'funder', name: 'Département', link: '' }
	];
	for (const [i, logo] of logos.entries())
		await addEventImage(
			ctx,
			actor,
			slug,
			{ ...logo, alt: logo.name },
			{ filename: 'logo.png', data: await demoLogo(logo.name, 40 + 70 * i) }
		);
}

export async function seedBigEvent(
	databaseUrl: string,
	publicUrl: string,
	options: { images?: boolean } = {}
): Promise<{ slug: string; sessionIds: string[] }> {
	const handle = createDb(databaseUrl);
	try {
		await migrateToLatest(handle.db);
		const ctx = { db: handle.db, publicUrl };
		const user = await ensureUser(handle.db, { email: 'mesure@example.org', name: 'Mesure' });
		const actor = { id: user.id, isAdmin: false };
		const event = await createEvent(ctx, actor, {
			title: 'Numérique en Commun[s] – Haute-Vienne',
			themes: ['Inclusion numérique', 'Communs numériques', 'Numérique responsable'],
			...bigEventDates,
			format: 'onsite',
			venue: { name: 'Tiers-lieu La Filature', address: '1 place de la Démo', inseeCode: '87085' },
			organisers: [{ name: 'Hub numérique', type: 'hub', role: 'lead' }]
		});
		const { sessionIds } = await seedProgramme(ctx, actor, event.slug, { rooms: 3, speakers: 60, sessions: 40, themes: event.themes });
		if (options.images) await seedEventImages(ctx, actor, event.slug);
		await updateEvent(ctx, actor, event.slug, { status: 'published' });
		return { slug: event.slug, sessionIds };
	} finally {
		await handle.db.destroy();
	}
}
