import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createPageQueue, queuesPage } from './page-queue.ts';

/** A render that finishes when told to, recording when it started. */
function controlled(log: string[], name: string) {
	let finish!: (value: string) => void;
	let fail!: (error: Error) => void;
	const done = new Promise<string>((resolve, reject) => {
		finish = resolve;
		fail = reject;
	});
	return {
		render: () => {
			log.push(`start ${name}`);
			return done;
		},
		finish: () => finish(name),
		fail: (message: string) => fail(new Error(message))
	};
}

const settle = () => new Promise((r) => setImmediate(r));

describe('the public page queue', () => {
	it('test_no_more_renders_than_its_capacity_run_at_once_and_the_others_start_in_arrival_order', async () => {
		const queue = createPageQueue(2);
		const log: string[] = [];
		const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => controlled(log, n));
		const results = [a, b, c, d].map((r) => queue.run(r.render));
		await settle();
		expect(log).toEqual(['start a', 'start b']);
		expect([queue.running, queue.waiting]).toEqual([2, 2]);
		b.finish();
		await settle();
		expect(log).toEqual(['start a', 'start b', 'start c']);
		a.finish();
		await settle();
		expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
		c.finish();
		d.finish();
		expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
		expect([queue.running, queue.waiting]).toEqual([0, 0]);
	});

	it('test_a_render_that_fails_frees_its_place_and_its_caller_gets_the_error', async () => {
		const queue = createPageQueue(1);
		const log: string[] = [];
		const [a, b] = ['a', 'b'].map((n) => controlled(log, n));
		const first = queue.run(a.render);
		const second = queue.run(b.render);
		a.fail('database down');
		await expect(first).rejects.toThrow('database down');
		await settle();
		expect(log).toEqual(['start a', 'start b']);
		b.finish();
		expect(await second).toBe('b');
		expect(queue.running).toBe(0);
		// A render that throws before its first await frees its place too.
		await expect(
			queue.run(() => {
				throw new Error('at once');
			})
		).rejects.toThrow('at once');
		expect(await queue.run(async () => 'next')).toBe('next');
	});

	it('test_a_freed_place_goes_to_the_first_in_line_not_to_a_newcomer', async () => {
		const queue = createPageQueue(1);
		const log: string[] = [];
		const [a, b, c] = ['a', 'b', 'c'].map((n) => controlled(log, n));
		const first = queue.run(a.render);
		const second = queue.run(b.render);
		a.finish();
		await first;
		// c arrives once a is answered: b, which waited, has the place and c waits behind it.
		const third = queue.run(c.render);
		await settle();
		expect(log).toEqual(['start a', 'start b']);
		expect([queue.running, queue.waiting]).toEqual([1, 1]);
		b.finish();
		await second;
		await settle();
		expect(log).toEqual(['start a', 'start b', 'start c']);
		c.finish();
		await third;
	});

	it('test_a_capacity_below_one_is_refused', () => {
		expect(() => createPageQueue(0)).toThrow(/at least 1/);
		expect(() => createPageQueue(1.5)).toThrow(/at least 1/);
	});

	it('test_only_visitors_reads_of_public_pages_wait', () => {
		expect(queuesPage('GET', '/(public)/e/[slug]/programme', false)).toBe(true);
		expect(queuesPage('HEAD', '/(public)/e/[slug]', false)).toBe(true);
		// The home page's route is the group itself.
		expect(queuesPage('GET', '/(public)', false)).toBe(true);
		expect(queuesPage('GET', '/(public)x', false)).toBe(false);
		// A form post, an organiser's page, a route not found, a page's own fetch: never queued.
		expect(queuesPage('POST', '/(public)/e/[slug]/inscription', false)).toBe(false);
		expect(queuesPage('GET', '/(organiser)/organisateur', false)).toBe(false);
		expect(queuesPage('GET', null, false)).toBe(false);
		expect(queuesPage('GET', '/(public)/e/[slug]/agenda.ics', true)).toBe(false);
	});

	it('test_PAGE_CONCURRENCY_is_a_whole_number_of_pages_and_a_wrong_one_is_one_french_line', () => {
		expect(loadConfig({}).pageConcurrency).toBeNull();
		expect(loadConfig({ PAGE_CONCURRENCY: ' 4 ' }).pageConcurrency).toBe(4);
		for (const wrong of ['0', '2.5', 'beaucoup', '0x10', '1e2', '+3'])
			expect(() => loadConfig({ PAGE_CONCURRENCY: wrong })).toThrow(
				`PAGE_CONCURRENCY : « ${wrong} » n’est pas un nombre entier de pages (1 ou plus)`
			);
	});

	it('test_a_visitor_who_leaves_while_waiting_leaves_the_line_and_nothing_is_rendered_for_them', async () => {
		const queue = createPageQueue(1);
		const log: string[] = [];
		const [a, b, c] = ['a', 'b', 'c'].map((n) => controlled(log, n));
		const first = queue.run(a.render);
		const left = new AbortController();
		const second = queue.run(b.render, { signal: left.signal, gone: () => 'gone' });
		const third = queue.run(c.render);
		expect(queue.waiting).toBe(2);
		left.abort();
		expect(await second).toBe('gone');
		expect(queue.waiting).toBe(1);
		a.finish();
		await first;
		await settle();
		// b never started: c had the place next.
		expect(log).toEqual(['start a', 'start c']);
		c.finish();
		expect(await third).toBe('c');
		// Already gone when it arrives: answered at once, nothing rendered, no place taken.
		const before = new AbortController();
		before.abort();
		expect(await queue.run(async () => 'rendered', { signal: before.signal, gone: () => 'gone' })).toBe('gone');
		expect([queue.running, queue.waiting]).toEqual([0, 0]);
	});

	it('test_a_render_that_never_settles_frees_its_place_after_the_hold_time', async () => {
		const queue = createPageQueue(1, { holdMs: 30 });
		const log: string[] = [];
		const [stuck, next] = ['stuck', 'next'].map((n) => controlled(log, n));
		void queue.run(stuck.render);
		const after = queue.run(next.render);
		await settle();
		expect(log).toEqual(['start stuck']);
		await new Promise((r) => setTimeout(r, 60));
		expect(log).toEqual(['start stuck', 'start next']);
		next.finish();
		expect(await after).toBe('next');
		// The stuck render settling later frees nothing twice.
		stuck.finish();
		await settle();
		expect([queue.running, queue.waiting]).toEqual([0, 0]);
		expect(await queue.run(async () => 'again')).toBe('again');
	});
});
