// bin/serve.js's own modules as the build writes them (scripts/vite-server-runtime.ts): plain
// JavaScript that Node parses without its type stripper, importing no TypeScript.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_RUNTIME, writeServerRuntime } from '../scripts/vite-server-runtime.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir = '';
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe('the server runtime written by the build', () => {
	it('test_each_module_of_bin_serve_is_written_as_javascript_node_parses_without_typescript', async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'runtime-'));
		await writeServerRuntime(ROOT, dir);
		const serve = await readFile(path.join(ROOT, 'bin/serve.js'), 'utf8');
		for (const [name, source] of Object.entries(SERVER_RUNTIME)) {
			const file = path.join(dir, `${name}.js`);
			const code = await readFile(file, 'utf8');
			expect(code).not.toMatch(/from '[^']*\.ts'/);
			// --no-experimental-strip-types: a type left behind would be a syntax error here.
			const checked = spawnSync(process.execPath, ['--no-experimental-strip-types', '--check', file], { encoding: 'utf8' });
			expect(checked.stderr, name).toBe('');
			expect(checked.status).toBe(0);
			// serve.js asks for it by this name, with the TypeScript file as its fallback.
			expect(serve).toContain(
				`runtime('${name}', '${path.relative(path.join(ROOT, 'bin'), path.join(ROOT, source)).replace(/^(?!\.)/, './')}')`
			);
		}
	});
});
