/**
 * A build step (vite.config.ts): the modules bin/serve.js imports besides the built app, written
 * as JavaScript into build/runtime/. Importing a `.ts` file makes Node load its type stripper
 * (amaro, swc compiled to WebAssembly) for the rest of the process's life: some 17 MB resident in
 * every server process, for five small files. Their types are removed with Node's own
 * `stripTypeScriptTypes` at build time instead; bin/serve.js falls back to the `.ts` files when
 * the build has not written them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/** What bin/serve.js imports, by the name it asks build/runtime/ for. */
export const SERVER_RUNTIME: Record<string, string> = {
	memory: 'bin/memory.ts',
	'public-cache': 'bin/public-cache.ts',
	'server-timeouts': 'bin/server-timeouts.ts',
	'graceful-stop': 'bin/graceful-stop.ts',
	logger: 'src/lib/server/ops/logger.ts'
};

/** Writes build/runtime/*.js under `root`; a relative `.ts` import in one of them is refused (it would load the stripper again). */
export function writeServerRuntime(root: string): void {
	const out = path.join(root, 'build', 'runtime');
	mkdirSync(out, { recursive: true });
	for (const [name, file] of Object.entries(SERVER_RUNTIME)) {
		const source = readFileSync(path.join(root, file), 'utf8');
		if (/from '\.{1,2}\/[^']*\.ts'/.test(source))
			throw new Error(`${file} imports a .ts module: bin/serve.js would load Node's type stripper`);
		writeFileSync(path.join(out, `${name}.js`), `// Written by the build from ${file}: edit that file.\n${stripTypeScriptTypes(source)}`);
	}
}

/** Once the adapter has written build/ (it empties it first): its `buildApp` hook is `post` too, and comes first. */
export function serverRuntime(root: string): Plugin {
	return {
		name: 'maillage-server-runtime',
		apply: 'build',
		buildApp: {
			order: 'post',
			handler() {
				writeServerRuntime(root);
			}
		}
	};
}
