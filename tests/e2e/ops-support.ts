/**
 * What the operations suites share: the built app in a child process the test holds (to send it
 * SIGTERM and read its exit code, its JSON log lines), and a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/free-port.ts';

// Not from support.ts (vitest, the browser): `npm run bench:scale` starts its apps with spawnApp.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export { freePort };

export interface HeldApp {
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything printed so far, stdout then stderr as they came. */
	output(): string;
	/** The JSON lines of the log (other lines left out). */
	lines(): Record<string, any>[];
	/** Resolves with the exit code (null after a signal) once the process has ended. */
	exited: Promise<number | null>;
	/** SIGTERM (once) and the exit code, or SIGKILL after `ms`. */
	stop(ms?: number): Promise<number | null>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/** Starts `bin/serve.js` on `databaseUrl` (on `env.PORT` when given, else a free port); resolves once /healthz answers. */
export async function spawnApp(
	databaseUrl: string,
	env: Record<string, string> = {},
	options: { waitHealthy?: boolean } = {}
): Promise<HeldApp> {
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const url = `http://localhost:${port}`;
	let output = '';
	const child = spawn(process.execPath, [path.join(ROOT, 'bin/serve.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			PUBLIC_URL: url,
			DATABASE_URL: databaseUrl,
			MAIL_POLL_MS: '200',
			REGISTRATION_RATE_LIMIT: 'off',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	live.add(child);
	child.stdout!.on('data', (c: Buffer) => (output += c));
	child.stderr!.on('data', (c: Buffer) => (output += c));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => {
			live.delete(child);
			resolve(code);
		})
	);
	let ended = false;
	void exited.then(() => (ended = true));
	const app: HeldApp = {
		url,
		port,
		child,
		output: () => output,
		lines: () =>
			output
				.split('\n')
				.filter((l) => l.startsWith('{'))
				.map((l) => JSON.parse(l) as Record<string, any>),
		exited,
		async stop(ms = 15_000) {
			if (!ended) child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), ms);
			const code = await exited;
			clearTimeout(timer);
			return code;
		}
	};
	if (options.waitHealthy === false) return app;
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (ended) throw new Error(`the app exited before answering:\n${output}`);
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return app;
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill('SIGKILL');
	throw new Error(`the app did not start:\n${output}`);
}
