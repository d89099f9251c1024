import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi, operationIdFor } from './openapi.ts';

// The whole generated document, every area's part included (a part merged later is checked too),
// read by two independent consumers: Redocly's linter with its recommended rules, and
// swagger-parser's validation against the OpenAPI 3.0 JSON Schema. Neither touches the network.
const run = promisify(execFile);
const REDOCLY = path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let dir: string;
let file: string;
const doc = () => buildOpenApi('https://maillage.numerique-en-commun.fr') as any;
const operations = () =>
	Object.entries(doc().paths as Record<string, Record<string, any>>).flatMap(([p, item]) =>
		METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${p}`, op: item[m] }))
	);

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'maillage-openapi-'));
	file = path.join(dir, 'openapi.json');
	await writeFile(file, JSON.stringify(doc(), null, 1));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('openapi validity', () => {
	it('test_redoclyLint_recommended_reports_no_problem', async () => {
		const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
		const res = await run(process.execPath, [REDOCLY, 'lint', '--extends', 'recommended', '--format', 'json', file], {
			cwd: dir,
			env,
			maxBuffer: 20_000_000
		}).catch((e: { stdout: string; stderr: string }) => e);
		const report = JSON.parse(res.stdout.slice(res.stdout.indexOf('{')));
		const problems = report.problems.map(
			(p: { severity: string; ruleId: string; message: string; location: { pointer: string }[] }) =>
				`${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`
		);
		// Zero errors is the bar; the warnings are kept at zero too, so that a new one shows.
		expect(problems).toEqual([]);
		expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
	}, 120_000);

	it('test_swaggerParser_validates_the_document', async () => {
		const api = (await SwaggerParser.validate(structuredClone(doc()))) as { openapi?: string };
		expect(api.openapi).toBe('3.0.3');
	});

	it('test_everyOperation_has_an_id_a_summary_and_its_error_answers', () => {
		const ops = operations();
		expect(ops.length).toBeGreaterThan(30);
		const ids = ops.map((o) => o.op.operationId);
		expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		for (const { key, op } of ops) {
			expect(op.summary, key).toMatch(/\S/);
			const codes = Object.keys(op.responses);
			expect(
				codes.some((c) => /^2/.test(c)),
				key
			).toBe(true);
			const failures = codes.filter((c) => /^4/.test(c));
			expect(failures.length, key).toBeGreaterThan(0);
			// A JSON error is always the Errors body; the pages under /api (unsubscribe) answer in HTML.
			for (const c of failures) {
				const content = op.responses[c].content;
				expect(content, `${key} ${c}`).toBeTruthy();
				if (!content['text/html']) expect(content['application/json'].schema.$ref, `${key} ${c}`).toBe('#/components/schemas/Errors');
			}
		}
	});

	it('test_componentSchemas_carry_no_jsonSchema_id', () => {
		expect(JSON.stringify(doc().components)).not.toMatch(/"\$(id|schema)"/);
	});

	it('test_operationIdFor_names_collection_item_and_subresource', () => {
		expect(operationIdFor('get', '/events')).toBe('getEvents');
		expect(operationIdFor('get', '/events/{slug}')).toBe('getEventsBySlug');
		expect(operationIdFor('delete', '/events/{slug}/rooms/{id}')).toBe('deleteEventsRoomsById');
		expect(operationIdFor('get', '/events/{slug}/programme.ics')).toBe('getEventsProgrammeIcs');
	});
});
