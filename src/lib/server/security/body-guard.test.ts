import { describe, expect, it } from 'vitest';
import { isBodyTooLarge } from '../request-body.ts';
import { ANONYMOUS_BODY_LIMIT, SIGNED_IN_BODY_LIMIT, bodyLimitFor, guardBody } from './body-guard.ts';

const URL_BASE = 'http://maillage.test';

function post(path: string, body: BodyInit, contentType: string): Request {
	return new Request(`${URL_BASE}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } });
}

function multipart(fields: Record<string, string>): { body: FormData } {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	return { body };
}

describe('bodyLimitFor', () => {
	it('test_sign_in_stays_small_even_when_signed_in', () => {
		expect(bodyLimitFor('/connexion', true)).toBe(4 * 1024);
		expect(bodyLimitFor('/connexion', false)).toBe(4 * 1024);
	});

	it('test_signed_in_callers_may_upload_anonymous_ones_may_not', () => {
		expect(bodyLimitFor('/organisateur/e/x/programme/intervenants/1', true)).toBe(SIGNED_IN_BODY_LIMIT);
		expect(bodyLimitFor('/organisateur/e/x/programme/intervenants/1', false)).toBe(ANONYMOUS_BODY_LIMIT);
	});

	it('test_a_speakers_private_page_accepts_uploads_without_a_session', () => {
		expect(bodyLimitFor('/intervenant/abc123', false)).toBe(SIGNED_IN_BODY_LIMIT);
	});
});

describe('guardBody', () => {
	it('test_a_form_under_the_limit_is_handed_on_readable', async () => {
		const { body } = multipart({ name: 'Awa' });
		const request = new Request(`${URL_BASE}/x`, { method: 'POST', body });
		const guarded = await guardBody(request, { limit: 1024, api: false });
		expect(guarded.ok).toBe(true);
		if (!guarded.ok) return;
		expect((await guarded.request.formData()).get('name')).toBe('Awa');
	});

	it('test_an_oversized_upload_to_a_page_reaches_its_action_as_a_too_large_read', async () => {
		const { body } = multipart({ portrait: 'x'.repeat(4096) });
		const request = new Request(`${URL_BASE}/x`, { method: 'POST', body });
		const guarded = await guardBody(request, { limit: 1024, api: false });
		expect(guarded.ok).toBe(true);
		if (!guarded.ok) return;
		const failure = await guarded.request.formData().then(
			() => null,
			(e: unknown) => e
		);
		expect(isBodyTooLarge(failure)).toBe(true);
	});

	it('test_an_oversized_body_elsewhere_is_refused', async () => {
		const big = 'x'.repeat(4096);
		expect(await guardBody(post('/api/v1/x', JSON.stringify({ big }), 'application/json'), { limit: 1024, api: true })).toEqual({
			ok: false,
			problem: 'too-large'
		});
		expect(await guardBody(post('/x', `a=${big}`, 'application/x-www-form-urlencoded'), { limit: 1024, api: false })).toEqual({
			ok: false,
			problem: 'too-large'
		});
	});

	it('test_a_nul_character_and_a_non_form_body_to_a_page_are_refused', async () => {
		expect(await guardBody(post('/x', 'a=b%00c', 'application/x-www-form-urlencoded'), { limit: 1024, api: false })).toEqual({
			ok: false,
			problem: 'nul'
		});
		expect(await guardBody(post('/x', '{"a":1}', 'application/json'), { limit: 1024, api: false })).toEqual({
			ok: false,
			problem: 'malformed'
		});
		expect(await guardBody(post('/api/v1/x', '{"a":"b\0c"}', 'application/json'), { limit: 1024, api: true })).toEqual({
			ok: false,
			problem: 'nul'
		});
	});
});
