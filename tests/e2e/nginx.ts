/**
 * Debian's nginx with the site of docs/nginx-maillage.conf, as the scale-out suite runs it: the
 * same file with only its ports, upstream servers and certificate changed, under a temporary
 * prefix, as an unprivileged process (nobody when the tests run as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/free-port.ts';

// No import of the suites' support: `npm run bench:scale` uses this file outside vitest.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const NGINX = '/usr/sbin/nginx';
export const SITE = path.join(ROOT, 'docs/nginx-maillage.conf');

function replaceOnce(text: string, from: string | RegExp, to: string): string {
	const next = text.replace(from, to);
	if (next === text) throw new Error(`docs/nginx-maillage.conf no longer contains ${String(from)}: update tests/e2e/nginx.ts`);
	return next;
}

/** Who nginx runs as: the test's own user, or nobody when that is root. */
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

export interface Nginx {
	dir: string;
	httpsPort: number;
	httpPort: number;
	/** `nginx -t` on the configuration: exit code and what it printed. */
	check(): { code: number | null; output: string };
	start(): Promise<void>;
	stop(): Promise<void>;
	/** The access log: one line per request, with the upstream that answered it. */
	accessLog(): Promise<string>;
}

/** Writes the configuration (site from docs/, certificate made by openssl) for `upstreamPorts`. */
export async function prepareNginx(upstreamPorts: number[]): Promise<Nginx> {
	const dir = await mkdtemp(path.join(tmpdir(), 'maillage-nginx-'));
	for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) await mkdir(path.join(dir, sub));
	const cert = spawnSync('openssl', [
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'1',
		'-subj',
		'/CN=localhost',
		'-keyout',
		path.join(dir, 'key.pem'),
		'-out',
		path.join(dir, 'cert.pem')
	]);
	if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);
	const [httpPort, httpsPort] = [await freePort(), await freePort()];

	let site = await readFile(SITE, 'utf8');
	site = replaceOnce(
		site,
		/\tserver 127\.0\.0\.1:3000;\n\t# server 127\.0\.0\.1:3001;/,
		upstreamPorts.map((p) => `\tserver 127.0.0.1:${p};`).join('\n')
	);
	site = replaceOnce(site, '\tlisten [::]:80;\n', '');
	site = replaceOnce(site, '\tlisten [::]:443 ssl http2;\n', '');
	site = replaceOnce(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
	site = replaceOnce(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
	site = replaceOnce(site, /ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`);
	site = replaceOnce(site, /ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`);
	await writeFile(path.join(dir, 'site.conf'), site);
	await writeFile(
		path.join(dir, 'nginx.conf'),
		`daemon off;
worker_processes 2;
pid ${dir}/logs/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
	log_format upstream '$request_method $uri $status $upstream_addr';
	access_log ${dir}/logs/access.log upstream;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${dir}/site.conf;
}
`
	);
	// The unprivileged nginx reads its files and writes its logs and temporary files here.
	spawnSync('chmod', ['-R', 'a+rwX', dir]);
	await chmod(dir, 0o777);
	const args = ['-p', dir, '-e', `${dir}/logs/error.log`, '-c', `${dir}/nginx.conf`];
	let child: ChildProcess | null = null;

	return {
		dir,
		httpPort,
		httpsPort,
		check() {
			const res = spawnSync(NGINX, ['-t', ...args], { ...unprivileged, encoding: 'utf8' });
			return { code: res.status, output: `${res.stdout}${res.stderr}` };
		},
		async start() {
			let output = '';
			child = spawn(NGINX, args, { ...unprivileged, stdio: ['ignore', 'pipe', 'pipe'] });
			child.stdout!.on('data', (c: Buffer) => (output += c));
			child.stderr!.on('data', (c: Buffer) => (output += c));
			process.once('exit', () => child?.kill('SIGKILL'));
			for (let i = 0; i < 100; i++) {
				if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
				const open = await new Promise<boolean>((resolve) => {
					const s = connect(httpsPort, '127.0.0.1');
					s.once('connect', () => (s.destroy(), resolve(true)));
					s.once('error', () => resolve(false));
				});
				if (open) return;
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(`nginx did not listen: ${output}`);
		},
		async stop() {
			if (child && child.exitCode === null) {
				const exited = new Promise((r) => child!.once('exit', r));
				child.kill('SIGQUIT');
				await exited;
			}
			await rm(dir, { recursive: true, force: true });
		},
		accessLog: () => readFile(path.join(dir, 'logs/access.log'), 'utf8')
	};
}
