/**
 * A build step (vite.config.ts): the modules bin/serve.js imports besides the built app, written
 * as JavaScript into build/runtime/. Importing a `.ts` file makes Node load its type stripper
 * (amaro, swc compiled to WebAssembly) for the rest of the process's life: some 17 MB resident in
 * every server process, for five small files. Their types are removed at build time instead, by
 * Vite's own TypeScript transform (oxc); bin/serve.js falls back to the `.ts` files when the build
 * has not written them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

/** What bin/serve.js imports, by the name it asks build/runtime/ for. */
export const SERVER_RUNTIME: Record<string, string> = {
	memory: 'bin/memory.ts',
	'public-cache': 'bin/public-cache.ts',
	'server-timeouts': 'bin/server-timeouts.ts',
	'graceful-stop': 'bin/graceful-stop.ts',
	logger: 'src/lib/server/ops/logger.ts'
};

/** Writes build/runtime/*.js (or `out`) from the sources under `root`; a relative `.ts` import in one of them is refused (it would load the stripper again). */
export async function writeServerRuntime(root: string, out = path.join(root, 'build', 'runtime')): Promise<void> {
	mkdirSync(out, { recursive: true });
	for (const [name, file] of Object.entries(SERVER_RUNTIME)) {
		const source = readFileSync(path.join(root, file), 'utf8');
		if (/from '\.{1,2}\/[^']*\.ts'/.test(source))
			throw new Error(`${file} imports a .ts module: bin/serve.js would load Node's type stripper`);
		const { code } = await transformWithOxc(source, file, { lang: 'ts' });
		writeFileSync(path.join(out, `${name}.js`), `// Written by the build from ${file}: edit that file.\n${code}`);
	}
}

/** Once the adapter has written build/ (it empties it first): its `buildApp` hook is `post` too, and comes first. */
export function serverRuntime(root: string): Plugin {
	return {
		name: 'maillage-server-runtime',
		apply: 'build',
		buildApp: {
			order: 'post',
			async handler() {
				await writeServerRuntime(root);
			}
		}
	};
}
