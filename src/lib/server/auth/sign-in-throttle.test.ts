import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { sendMagicLinkMail } from './auth-mail.ts';
import { signInClientAllowed } from './sign-in-throttle.ts';
import { anonymousMailNotBefore } from '../mail/anonymous-mail.ts';
import { claimNextMail, enqueueMail } from '../mail/outbox.service.ts';
import { mailPriority } from '../mail/mail-priority.ts';

describe.each(DIALECTS)('sign-in e-mails and the anonymous cap on %s', (dialect) => {
	let t: TestDb;
	beforeEach(async () => {
		t = await openTestDb(dialect);
	});
	afterEach(async () => {
		await t.close();
	});

	it('test_a_fourth_sign_in_link_to_one_address_within_15_minutes_is_not_queued', async () => {
		const sent = [];
		for (let i = 0; i < 4; i++) sent.push(await sendMagicLinkMail(t.db, 'Cible@Example.org', `http://x/verify?token=${i}`));
		expect(sent).toEqual([true, true, true, false]);
		const rows = await t.db.selectFrom('mail_message').select(['to_address', 'priority']).execute();
		expect(rows).toHaveLength(3);
		expect(rows.every((r) => r.to_address === 'cible@example.org' && Number(r.priority) === 2)).toBe(true);
		expect(await sendMagicLinkMail(t.db, 'autre@example.org', 'http://x/verify?token=a')).toBe(true);
	});

	it('test_past_the_cap_anonymous_mail_waits_and_a_confirmation_is_claimed_before_sign_in_links', async () => {
		const now = new Date();
		for (let i = 0; i < 4; i++) await sendMagicLinkMail(t.db, `p${i}@example.org`, 'http://x/verify');
		expect((await anonymousMailNotBefore(t.db, now, 10)).getTime()).toBe(now.getTime());
		expect((await anonymousMailNotBefore(t.db, now, 2)).getTime()).toBe(now.getTime() + 2 * 60_000);
		await enqueueMail(t.db, { kind: 'registration-confirmed', to: 'inscrite@example.org', subject: 's', text: 't', html: 'h' });
		const first = await claimNextMail(t, 'w', { lockMs: 60_000, now: new Date(now.getTime() + 1000) });
		expect(first?.kind).toBe('registration-confirmed');
		expect([
			mailPriority('registration-confirmed'),
			mailPriority('team-invitation'),
			mailPriority('magic-link'),
			mailPriority('campaign')
		]).toEqual([0, 1, 2, 3]);
	});

	it('test_one_client_address_gets_20_sign_in_requests_then_waits', () => {
		const app = {};
		const answers = Array.from({ length: 21 }, () => signInClientAllowed(app, '203.0.113.9'));
		expect(answers.filter(Boolean)).toHaveLength(20);
		expect(signInClientAllowed(app, '198.51.100.1')).toBe(true);
	});
});
