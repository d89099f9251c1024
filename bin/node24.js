#!/usr/bin/env node
// Runs the project's npm scripts on Node 24 whatever Node started them.
//
//   node bin/node24.js ensure        (npm's preinstall) make sure a Node >= 24 is at hand
//   node bin/node24.js 'A && B'      run a shell command line on Node >= 24
//   node bin/node24.js PROGRAM ARG…  run a program with its arguments (no shell) on Node >= 24
//
// Plain JavaScript that Node 18 and 20 can run: it is the first thing a newcomer's old Node
// executes. When the running Node is older than 24, Node 24 comes from the npm registry itself
// (the per-platform `node-<os>-<arch>` packages), is kept in a user folder, and goes first on
// the PATH of the command, so that `node`, `npx` and the `#!/usr/bin/env node` tools it starts
// all run on it. See ARCHITECTURE.md, "Node 24 on an older machine".
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const MAJOR = 24;
const ANNOUNCED = 'MAILLAGE_NODE_ANNOUNCED';

const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]) || 0;

/** The folder that keeps the downloaded Node, shared with `.ci/run`. */
function cacheDir() {
	if (process.env.MAILLAGE_NODE_DIR) return process.env.MAILLAGE_NODE_DIR;
	const base = process.env.XDG_CACHE_HOME || path.join(process.env.HOME || homedir(), '.cache');
	return path.join(base, `maillage-node${MAJOR}`);
}

function packageName() {
	const os = { linux: 'linux', darwin: 'darwin' }[process.platform];
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	if (!os || !arch) return null;
	return `node-${os}-${arch}`;
}

function nodeIn(dir, pkg) {
	return path.join(dir, 'node_modules', pkg, 'bin', 'node');
}

/** The version a node binary reports, or null when it does not run. */
function versionOf(binary) {
	if (!existsSync(binary)) return null;
	const r = spawnSync(binary, ['-p', 'process.version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

function fail(message) {
	process.stderr.write(`Maillage : ${message}\n`);
	process.exit(1);
}

/** npm, as the npm that runs us when there is one (npm's own scripts), else from the PATH. */
function npmCommand() {
	const cli = process.env.npm_execpath;
	if (cli && /\.(c|m)?js$/.test(cli) && existsSync(cli)) return [process.execPath, [cli]];
	return ['npm', []];
}

/** Installs node-<os>-<arch>@24 into a temporary folder, then moves it into place. */
function install(dir, pkg) {
	const tmp = `${dir}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	// npm passes its own settings to scripts as npm_config_*: the nested install must not
	// inherit those of the project being installed (its prefix, engine checks, scripts).
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^npm_/i.test(k) || /^npm_config_(registry|cache|userconfig|proxy|https_proxy|noproxy|strict_ssl|cafile)$/i.test(k)) env[k] = v;
	}
	const [cmd, pre] = npmCommand();
	const r = spawnSync(
		cmd,
		[...pre, 'install', '--prefix', tmp, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `${pkg}@${MAJOR}`],
		{ stdio: ['ignore', 'ignore', 'inherit'], env, shell: cmd === 'npm' && process.platform === 'win32' }
	);
	if (r.status !== 0 || !versionOf(nodeIn(tmp, pkg))) {
		rmSync(tmp, { recursive: true, force: true });
		fail(`impossible d'installer ${pkg}@${MAJOR} depuis le registre npm : installez Node ${MAJOR} (https://nodejs.org) puis relancez.`);
	}
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(path.dirname(dir), { recursive: true });
	try {
		renameSync(tmp, dir);
	} catch {
		// Another process put one in place meanwhile: keep it.
		rmSync(tmp, { recursive: true, force: true });
	}
}

/**
 * The Node to run the scripts with: `null` when the running one is recent enough, else the
 * downloaded one (installed on first use). Prints one line saying which, once per command tree.
 */
function ensureNode() {
	if (majorOf(process.version) >= MAJOR) {
		if (!process.env[ANNOUNCED]) announce(`Node ${process.version} du système (${process.execPath}).`);
		return null;
	}
	const pkg = packageName();
	if (!pkg)
		fail(
			`Node ${process.version} est trop ancien et ${process.platform}-${process.arch} n'a pas de paquet Node sur le registre npm : installez Node ${MAJOR} (voir .nvmrc).`
		);
	const dir = cacheDir();
	const binary = nodeIn(dir, pkg);
	let version = versionOf(binary);
	let fetched = false;
	if (majorOf(version) < MAJOR) {
		process.stderr.write(
			`Maillage : Node ${process.version} est trop ancien, téléchargement de Node ${MAJOR} depuis le registre npm (${pkg})…\n`
		);
		install(dir, pkg);
		version = versionOf(binary);
		fetched = true;
	}
	if (!process.env[ANNOUNCED])
		announce(
			`Node ${version} ${fetched ? 'installé' : 'pris'} dans ${dir} (paquet npm ${pkg}) à la place du Node ${process.version} du système.`
		);
	return { bin: path.dirname(binary), root: path.join(dir, 'node_modules', pkg) };
}

function announce(line) {
	process.stderr.write(`Maillage : ${line}\n`);
	process.env[ANNOUNCED] = '1';
}

const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/**
 * A first argument with spaces is a shell command line (npm appends a script's extra arguments
 * to it, quoted); otherwise the arguments are a program and its arguments, passed as they are.
 */
function run(args) {
	const node = ensureNode();
	const env = { ...process.env };
	if (node) {
		env.PATH = `${node.bin}${path.delimiter}${env.PATH ?? ''}`;
		// Headers for native addons, so node-gyp never downloads them.
		env.npm_config_nodedir = node.root;
	}
	const child = /\s/.test(args[0])
		? spawn([args[0], ...args.slice(1).map(quote)].join(' '), { stdio: 'inherit', shell: true, env })
		: spawn(args[0], args.slice(1), { stdio: 'inherit', env });
	const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) process.on(signal, () => child.kill(signal));
	child.on('error', (error) => fail(`impossible de lancer « ${args[0]} » : ${error.message}`));
	child.on('exit', (code, signal) => {
		if (signal) {
			for (const s of signals) process.removeAllListeners(s);
			process.kill(process.pid, signal);
			return;
		}
		process.exit(code ?? 1);
	});
}

const args = process.argv.slice(2);
if (args.length === 0) fail('usage : node bin/node24.js ensure | COMMANDE…');
if (args.length === 1 && args[0] === 'ensure') ensureNode();
else run(args);
