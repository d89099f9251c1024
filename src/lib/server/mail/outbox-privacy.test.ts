import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, closeTestDb, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { registerParticipant, type RegistrationContext } from '../registrations/registration.service.ts';
import { eraseRegistration } from '../registrations/registration-manage.service.ts';
import { registrationMailRenderers } from '../registrations/registration-confirmation.ts';
import { checkinUrl } from '../registrations/registration-mail.ts';
import { purgeExpiredRegistrations } from '../registrations/reminders.service.ts';
import { unsubscribeUrl } from '../campaigns/campaign-mail.ts';
import { digestOptOutUrl } from '../planning/digest.service.ts';
import { browseOutbox, readOutboxMail } from '../admin/outbox-admin.service.ts';
import { renderMail } from './mail-layout.ts';
import { renderQueuedMail } from './mail-renderer.ts';
import { startMailWorker } from './mail-worker.ts';
import { listUnsubscribeHeaders } from './list-unsubscribe.ts';
import { outboxRetentionJob } from './outbox.jobs.ts';
import { enqueueMail, getMail, purgeOldMail } from './outbox.service.ts';
import { maskAddress, maskPrivateLinks, TOKEN_MASK } from './private-links.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.testing.ts';
import { loadConfig } from '../config.ts';

const ORIGIN = 'https://maillage.example';
const MAGIC = `${ORIGIN}/api/auth/magic-link/verify?token=aZ9kQw3xLm7PpR2tYv&callbackURL=%2Forganisateur`;
const SPEAKER = 'Qm9uam91ciBsZXMgaW50ZXJ2ZW5hbnRzIGV0IGxlcyBy';

describe('private links', () => {
	it('test_mask_private_links_hides_every_kind_of_token_in_text_and_html', () => {
		const links = [
			`${ORIGIN}/inscription/mrg_abcdefghijklmnopqrstuvwxyz012345`,
			`${ORIGIN}/inscription/mrg_abcdefghijklmnopqrstuvwxyz012345/questionnaire`,
			`${ORIGIN}/inscription/mrg_abcdefghijklmnopqrstuvwxyz012345/reseau/besoins`,
			`${ORIGIN}/intervenant/${SPEAKER}`,
			MAGIC,
			unsubscribeUrl(ORIGIN, 'mun_c2VjcmV0LXVuc3Vic2NyaWJl'),
			digestOptOutUrl(ORIGIN, 'nec-limoges', 'b3B0LW91dC10b2tlbi1zZWNyZXQ')
		];
		const { text, html } = renderMail({ title: 'Liens', paragraphs: links, linkify: true, action: { label: 'Connexion', url: MAGIC } });
		for (const part of [text, html]) {
			const masked = maskPrivateLinks(part);
			for (const secret of ['mrg_abcdef', SPEAKER, 'aZ9kQw3xLm7PpR2tYv', 'mun_c2Vj', 'b3B0LW91dC10b2tlbi1zZWNyZXQ'])
				expect(masked).not.toContain(secret);
			expect(masked).toContain(`${ORIGIN}/inscription/${TOKEN_MASK}/questionnaire`);
			expect(masked).toContain(`${ORIGIN}/intervenant/${TOKEN_MASK}`);
			expect(masked).toContain(`token=${TOKEN_MASK}`);
		}
		expect(maskPrivateLinks(`<${unsubscribeUrl(ORIGIN, 'mun_c2VjcmV0LXVuc3Vic2NyaWJl')}>`)).toBe(
			`<${ORIGIN}/api/v1/unsubscribe?token=${TOKEN_MASK}>`
		);
	});

	it('test_mask_private_links_leaves_public_addresses_and_checkin_codes', () => {
		const plain = [
			checkinUrl(ORIGIN, 'K7Q2M9XH4T'),
			`${ORIGIN}/inscription/supprimee`,
			`${ORIGIN}/e/nec-limoges/inscription/merci`,
			`${ORIGIN}/e/nec-limoges`,
			`${ORIGIN}/organisateur/e/nec-limoges/programme/intervenants/0193a1b2`,
			`${ORIGIN}/connexion?email=awa%40exemple.fr`,
			'Votre code d’accueil : K7Q2M9XH4T.'
		].join('\n');
		expect(maskPrivateLinks(plain)).toBe(plain);
	});

	it('test_mask_address_keeps_two_letters_and_the_domain', () => {
		expect(maskAddress('camille.martin@exemple.org')).toBe('ca•••@exemple.org');
		expect(maskAddress('a@exemple.org')).toBe('•••@exemple.org');
		expect(maskAddress('pas-une-adresse')).toBe(TOKEN_MASK);
	});

	it('test_mail_retention_days_is_ninety_by_default_and_checked', () => {
		expect(loadConfig({}).mailRetentionDays).toBe(90);
		expect(loadConfig({ MAIL_RETENTION_DAYS: '30' }).mailRetentionDays).toBe(30);
		expect(() => loadConfig({ MAIL_RETENTION_DAYS: '0' })).toThrow('MAIL_RETENTION_DAYS');
		expect(() => loadConfig({ MAIL_RETENTION_DAYS: 'trois mois' })).toThrow('MAIL_RETENTION_DAYS');
	});
});

describe.each(DIALECTS)('outbox and personal data on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	let sink: SmtpSink;
	const admin = { id: 'admin', isAdmin: true };
	beforeEach(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: ORIGIN };
		sink = await startSmtpSink();
	});
	afterEach(async () => {
		await sink.close();
		await closeTestDb(t);
	});

	/** Writes the queued confirmations and sends everything due through the sink. */
	async function writeAndSend(): Promise<void> {
		await renderQueuedMail(t.db, registrationMailRenderers(ORIGIN));
		const worker = startMailWorker(t, { smtpUrl: sink.url(), pollMs: 60_000, log: () => {} });
		try {
			await worker.drain();
		} finally {
			await worker.stop();
		}
	}

	async function registered() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const input = registrationInput();
		const res = await registerParticipant(ctx, null, ev.slug, input);
		return { ev, email: String(input.email), token: res.manageToken!, id: res.id };
	}

	const rowsTo = (to: string) => t.db.selectFrom('mail_message').selectAll().where('to_address', '=', to).execute();

	it('test_a_sent_confirmation_no_longer_holds_the_manage_token_that_went_out', async () => {
		const me = await registered();
		await writeAndSend();

		const received = sink.received.find((m) => m.envelopeTo[0] === me.email)!;
		expect(received.text).toContain(`${ORIGIN}/inscription/${me.token}`);
		const [row] = await rowsTo(me.email);
		expect(row.status).toBe('sent');
		for (const column of [row.text_body, row.html_body]) {
			expect(column).not.toContain(me.token);
			expect(column).toContain(`${ORIGIN}/inscription/${TOKEN_MASK}`);
		}
		// The rest of the message stays readable, the check-in code included.
		expect(row.text_body).toContain(received.text!.replace(/\r\n/g, '\n').split('\n')[0]);
	});

	it('test_a_sent_campaign_keeps_no_unsubscribe_token_in_its_headers', async () => {
		const url = unsubscribeUrl(ORIGIN, 'mun_c2VjcmV0LXVuc3Vic2NyaWJl');
		const { text, html } = renderMail({ title: 'Save the date', paragraphs: ['Bonjour'], footerLink: { label: 'Se désabonner', url } });
		const { id } = await enqueueMail(t.db, {
			kind: 'campaign',
			to: 'zoe@example.org',
			subject: 'Save the date',
			text,
			html,
			headers: listUnsubscribeHeaders(url)
		});
		await writeAndSend();

		expect(sink.received[0].headers['list-unsubscribe']).toBe(`<${url}>`);
		const kept = await getMail(t.db, id);
		expect(JSON.stringify(kept)).not.toContain('mun_');
		expect(kept!.headers['List-Unsubscribe']).toBe(`<${ORIGIN}/api/v1/unsubscribe?token=${TOKEN_MASK}>`);
	});

	it('test_the_admin_view_has_no_token_nor_full_address_when_the_instance_sends_mail', async () => {
		const me = await registered();
		await renderQueuedMail(t.db, registrationMailRenderers(ORIGIN));
		const [row] = await rowsTo(me.email);
		expect(row.text_body).toContain(me.token); // pending: it has yet to go out

		const shown = await readOutboxMail(t.db, admin, row.id, { sendsMail: true });
		expect(shown.masked).toBe(true);
		expect(shown.to).toBe(maskAddress(me.email));
		const everything = JSON.stringify(shown);
		expect(everything).not.toContain(me.token);
		expect(everything).not.toContain(me.email);
		const list = await browseOutbox(t.db, admin, { sendsMail: true });
		expect(JSON.stringify(list.messages)).not.toContain(me.email);

		// Without SMTP nothing leaves: the screen is how a message is read, in full.
		const full = await readOutboxMail(t.db, admin, row.id, { sendsMail: false });
		expect(full).toMatchObject({ masked: false, to: me.email });
		expect(full.text).toContain(`${ORIGIN}/inscription/${me.token}`);
		expect((await browseOutbox(t.db, admin, { sendsMail: false })).messages[0].to).toBe(me.email);
		// Once sent, never.
		await writeAndSend();
		const sent = await readOutboxMail(t.db, admin, row.id, { sendsMail: false });
		expect(sent).toMatchObject({ masked: true, status: 'sent' });
		expect(JSON.stringify(sent)).not.toContain(me.token);
	});

	it('test_purge_deletes_messages_done_with_for_longer_than_the_period_and_keeps_the_rest', async () => {
		const now = new Date('2027-03-01T12:00:00.000Z');
		const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
		const queue = async (subject: string, status: string, at: string, sentAt: string | null = null) => {
			const { id } = await enqueueMail(t.db, {
				kind: 'registration-confirmed',
				to: 'zoe@example.org',
				subject,
				text: subject,
				html: subject
			});
			await t.db
				.updateTable('mail_message')
				.set({ status, next_attempt_at: at, created_at: at, sent_at: sentAt })
				.where('id', '=', id)
				.execute();
		};
		await queue('sent 91 days ago', 'sent', daysAgo(92), daysAgo(91));
		await queue('sent 89 days ago', 'sent', daysAgo(92), daysAgo(89));
		await queue('failed 91 days ago', 'failed', daysAgo(91));
		await queue('failed yesterday', 'failed', daysAgo(1));
		await queue('waiting since 91 days', 'pending', daysAgo(91));
		await queue('waiting since yesterday', 'pending', daysAgo(1));
		await queue('being sent', 'sending', daysAgo(91));

		expect(await purgeOldMail(t.db, { days: 90, now })).toBe(3);
		const left = await t.db.selectFrom('mail_message').select('subject').orderBy('subject').execute();
		expect(left.map((r) => r.subject)).toEqual(['being sent', 'failed yesterday', 'sent 89 days ago', 'waiting since yesterday']);
		expect(await purgeOldMail(t.db, { days: 90, now })).toBe(0);
		// The periodic job runs the same purge with the configured period.
		const job = outboxRetentionJob(t.db, 30);
		expect([job.name, job.everyMs]).toEqual(['outbox-retention', 6 * 3600_000]);
		expect(await job.run(now)).toBe(1);
	});

	it('test_retention_purge_and_erasure_delete_the_persons_messages_and_only_theirs', async () => {
		const me = await registered();
		const other = await registered();
		await writeAndSend();
		await enqueueMail(t.db, { kind: 'task-digest', to: 'equipe@exemple.org', subject: 'Tâches', text: '-', html: '-', eventId: me.ev.id });
		expect(await rowsTo(me.email)).toHaveLength(1);

		// The factory's events end on 2027-06-11: three years later, their registrations go, with their e-mails.
		await t.db.updateTable('event').set({ ends_at: '2030-01-01T00:00:00.000Z' }).where('id', '=', other.ev.id).execute();
		expect(await purgeExpiredRegistrations(t.db, new Date('2030-06-12T00:00:00Z'))).toBe(1);
		expect(await rowsTo(me.email)).toEqual([]);
		expect(await rowsTo('equipe@exemple.org')).toHaveLength(1);
		expect(await rowsTo(other.email)).toHaveLength(1);

		await eraseRegistration(ctx, { token: other.token }, null);
		expect(await rowsTo(other.email)).toEqual([]);
	});
});
