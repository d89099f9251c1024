import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { inviteMember } from '../events/team.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { cancelRegistration } from '../registrations/registration-manage.service.ts';
import { withTx } from '../tx.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { createWebhook, deleteWebhook, emitWebhook, listDeliveries, listWebhooks, sendTestWebhook } from './webhook.service.ts';
import { backoffMs, startWebhookWorker } from './webhook-worker.ts';
import { urlShapeProblem } from './url-policy.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import { submitSurveyResponse } from '../surveys/survey-response.service.ts';
import { saveSurvey } from '../surveys/survey.service.ts';

const LOCAL = { allowLocalhost: true };
const STRICT = { allowLocalhost: false };

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
}

describe.each(DIALECTS)('webhooks (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let owner: Awaited<ReturnType<typeof newUser>>;
	let server: Server;
	let url: string;
	let answer = 200;
	const received: Received[] = [];

	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		owner = await newUser(t.db);
		server = createServer((req, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString('utf8')));
			req.on('end', () => {
				received.push({ headers: req.headers, body });
				res.statusCode = answer;
				res.end();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server?.close(resolve));
		await t?.close();
	});

	beforeEach(() => {
		received.length = 0;
		answer = 200;
	});

	it('test_createWebhook_refuses_addresses_outside_the_rules_and_stores_nothing', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const strict = { ...ctx, urlPolicy: STRICT };
		const tries: [string, string][] = [
			['http://example.org/hook', 'url:webhooks.errors.urlScheme'],
			['ftp://example.org/hook', 'url:webhooks.errors.urlScheme'],
			['https://10.1.2.3/hook', 'url:webhooks.errors.urlPrivate'],
			['https://127.0.0.1/hook', 'url:webhooks.errors.urlPrivate'],
			['https://[::1]/hook', 'url:webhooks.errors.urlPrivate'],
			['https://169.254.169.254/latest/meta-data', 'url:webhooks.errors.urlPrivate'],
			['https://localhost/hook', 'url:webhooks.errors.urlPrivate'],
			['https://user:pw@example.org/hook', 'url:webhooks.errors.urlCredentials'],
			['pas une adresse', 'url:webhooks.errors.urlInvalid'],
			[url, 'url:webhooks.errors.urlScheme']
		];
		for (const [address, issue] of tries)
			expect(await issuesOf(createWebhook(strict, owner, ev.slug, { url: address, events: ['registration.created'] })), address).toEqual([
				issue
			]);
		expect(await issuesOf(createWebhook(strict, owner, ev.slug, { url: 'https://example.org', events: [] }))).toEqual([
			'events:errors.tooFewItems'
		]);
		expect(await issuesOf(createWebhook(strict, owner, ev.slug, { url: 'https://example.org', events: ['nope'] }))).toEqual([
			'events.0:errors.invalidChoice'
		]);
		expect(await listWebhooks(ctx, owner, ev.slug)).toEqual([]);
		// An address that resolves to loopback is refused even when its name looks public.
		expect(urlShapeProblem('https://example.org/hook', STRICT)).toBeNull();
	});

	it('test_webhooks_are_for_the_team_only', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await inviteMember(ctx, owner, ev.slug, { email: reader.email, role: 'readonly' });
		const local = { ...ctx, urlPolicy: LOCAL };
		await expect(createWebhook(local, stranger, ev.slug, { url, events: ['event.updated'] })).rejects.toBeInstanceOf(NotFoundError);
		await expect(createWebhook(local, reader, ev.slug, { url, events: ['event.updated'] })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listWebhooks(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		const hook = await createWebhook(local, owner, ev.slug, { url, events: ['event.updated'] });
		expect(await listWebhooks(ctx, reader, ev.slug)).toHaveLength(1);
		await expect(deleteWebhook(ctx, reader, ev.slug, hook.id)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteWebhook(ctx, stranger, ev.slug, hook.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_changes_are_delivered_once_signed_per_standard_webhooks', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const hook = await createWebhook({ ...ctx, urlPolicy: LOCAL }, owner, ev.slug, {
			url,
			events: ['registration.created', 'registration.cancelled']
		});
		expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
		expect(await listWebhooks(ctx, owner, ev.slug)).toEqual([
			{ id: hook.id, url, events: hook.events, createdAt: hook.createdAt, lastDelivery: null }
		]);
		const reg = await registerParticipant(ctx, null, ev.slug, registrationInput());
		await cancelRegistration(ctx, { actor: owner }, reg.id);
		// Not subscribed: nothing queued for it.
		await withTx(t.db, (tx) =>
			emitWebhook(tx, ev.id, 'checkin.created', { event: { id: ev.id, slug: ev.slug }, registration: { id: reg.id }, halfDay: 'x' })
		);

		const worker = startWebhookWorker(t, { pollMs: 60_000, urlPolicy: LOCAL, log: () => {} });
		await worker.drain();
		await worker.drain();
		await worker.stop();

		expect(received.map((r) => JSON.parse(r.body).type)).toEqual(['registration.created', 'registration.cancelled']);
		for (const r of received) {
			const verified = new Webhook(hook.secret).verify(r.body, r.headers as Record<string, string>) as {
				data: { registration: { id: string } };
			};
			expect(verified.data.registration.id).toBe(reg.id);
			expect(r.headers['webhook-id']).toMatch(/^msg_/);
		}
		expect(() =>
			new Webhook(`whsec_${Buffer.alloc(24).toString('base64')}`).verify(received[0].body, received[0].headers as Record<string, string>)
		).toThrow();
		const log = await listDeliveries(ctx, owner, ev.slug, hook.id);
		expect(log.map((d) => [d.type, d.status, d.httpStatus, d.attempts])).toEqual([
			['registration.cancelled', 'delivered', 200, 1],
			['registration.created', 'delivered', 200, 1]
		]);
		expect((await listWebhooks(ctx, owner, ev.slug))[0].lastDelivery).toMatchObject({ status: 'delivered', httpStatus: 200 });
	});

	it('test_a_survey_answer_queues_survey_answered_without_saying_whose', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const hook = await createWebhook({ ...ctx, urlPolicy: LOCAL }, owner, ev.slug, { url, events: ['survey.answered'] });
		const survey = await saveSurvey(ctx, owner, ev.slug, openSurveyInput());
		const person = await registerParticipant(ctx, null, ev.slug, registrationInput());
		const { id } = await submitSurveyResponse(
			ctx,
			person.manageToken!,
			ev.slug,
			{ answers: { [survey.questions[0].id]: 4 } },
			new Date('2027-06-15T10:00:00Z')
		);
		const rows = await t.db.selectFrom('webhook_delivery').selectAll().where('endpoint_id', '=', hook.id).execute();
		expect(rows).toHaveLength(1);
		const payload = JSON.parse(rows[0].payload) as { type: string; data: unknown };
		expect(payload.type).toBe('survey.answered');
		expect(payload.data).toEqual({ event: { id: ev.id, slug: ev.slug }, survey: { id: survey.id }, response: { id } });
		expect(rows[0].payload).not.toContain(person.id);
		const worker = startWebhookWorker(t, { pollMs: 60_000, urlPolicy: LOCAL, log: () => {} });
		await worker.drain();
		await worker.stop();
		expect(received.map((r) => JSON.parse(r.body).type)).toEqual(['survey.answered']);
	});

	it('test_a_rolled_back_change_sends_nothing', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const hook = await createWebhook({ ...ctx, urlPolicy: LOCAL }, owner, ev.slug, { url, events: ['event.updated'] });
		await withTx(t.db, async (tx) => {
			await emitWebhook(tx, ev.id, 'event.updated', { event: { id: ev.id, slug: ev.slug } });
			throw new Error('rolled back');
		}).catch(() => {});
		expect(await listDeliveries(ctx, owner, ev.slug, hook.id)).toEqual([]);
	});

	it('test_a_failed_delivery_is_retried_with_backoff_then_delivered_once', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const hook = await createWebhook({ ...ctx, urlPolicy: LOCAL }, owner, ev.slug, { url, events: ['event.updated'] });
		await sendTestWebhook(ctx, owner, ev.slug, hook.id);
		let now = new Date();
		const worker = startWebhookWorker(t, { pollMs: 60_000, urlPolicy: LOCAL, clock: () => now, log: () => {} });
		answer = 500;
		await worker.drain();
		let [d] = await listDeliveries(ctx, owner, ev.slug, hook.id);
		expect(d).toMatchObject({ type: 'webhook.test', status: 'pending', httpStatus: 500, attempts: 1 });
		expect(Date.parse(d.nextAttemptAt!) - now.getTime()).toBe(backoffMs(1));
		await worker.drain();
		expect(received).toHaveLength(1);
		answer = 204;
		now = new Date(now.getTime() + backoffMs(1) + 1000);
		await worker.drain();
		await worker.drain();
		await worker.stop();
		[d] = await listDeliveries(ctx, owner, ev.slug, hook.id);
		expect(d).toMatchObject({ status: 'delivered', httpStatus: 204, attempts: 2, error: null });
		expect(received).toHaveLength(2);
		expect(received[0].headers['webhook-id']).toBe(received[1].headers['webhook-id']);
	});

	it('test_a_delivery_to_an_address_that_became_private_is_refused_at_send_time', async () => {
		const ev = await newPublishedEvent(t.db, owner);
		const hook = await createWebhook({ ...ctx, urlPolicy: LOCAL }, owner, ev.slug, { url, events: ['event.updated'] });
		await sendTestWebhook(ctx, owner, ev.slug, hook.id);
		// The same URL, now under the instance's strict rules: localhost is private.
		const worker = startWebhookWorker(t, { pollMs: 60_000, urlPolicy: STRICT, log: () => {} });
		await worker.drain();
		await worker.stop();
		const [d] = await listDeliveries(ctx, owner, ev.slug, hook.id);
		expect(d.status).toBe('pending');
		expect(d.error).toMatch(/^refused: webhooks\.errors\.urlScheme/);
		expect(received).toHaveLength(0);
	});
});
