import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAUNCHER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node24.js');

function launch(node: string, args: string[], env: Record<string, string> = {}) {
	const clean = { ...process.env };
	delete clean.MAILLAGE_NODE_ANNOUNCED;
	return spawnSync(node, [LAUNCHER, ...args], { encoding: 'utf8', env: { ...clean, ...env }, timeout: 60_000 });
}

/** A Node older than 24 on this machine (Debian's is 20), and where the current Node 24 came from when it was downloaded. */
function olderNode(): string | null {
	for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
		if (!existsSync(candidate)) continue;
		const r = spawnSync(candidate, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
		if (r.status === 0 && Number(r.stdout) < 24) return candidate;
	}
	return null;
}
const downloadedDir = /^(.*)[/\\]node_modules[/\\]node-[a-z]+-[a-z0-9]+[/\\]bin[/\\]node$/.exec(process.execPath)?.[1] ?? null;

describe('node24 launcher', () => {
	it('test_launcher_on_node_24_runs_the_program_with_the_same_node', () => {
		const r = launch(process.execPath, ['node', '-p', 'process.versions.node']);
		expect(r.status).toBe(0);
		expect(Number(r.stdout.trim().split('.')[0])).toBeGreaterThanOrEqual(24);
	});

	it('test_launcher_passes_arguments_with_spaces_and_quotes_unchanged', () => {
		const program = launch(process.execPath, ['node', '-e', 'console.log(process.argv.slice(1).join("|"))', 'a b', "l'atelier"]);
		expect(program.stdout.trim()).toBe("a b|l'atelier");
		// A command line (as in package.json) with the arguments npm appends after `--`.
		const line = launch(process.execPath, [
			'node -e "console.log(process.argv.slice(1).join(String.fromCharCode(124)))"',
			'a b',
			"l'atelier"
		]);
		expect(line.stdout.trim()).toBe("a b|l'atelier");
	});

	it('test_launcher_exits_with_the_program_exit_code', () => {
		expect(launch(process.execPath, ['node', '-e', 'process.exit(3)']).status).toBe(3);
		expect(launch(process.execPath, ['false && true']).status).toBe(1);
	});

	it('test_launcher_refuses_an_empty_command_with_one_french_line', () => {
		const r = launch(process.execPath, []);
		expect(r.status).toBe(1);
		expect(r.stderr.trim().split('\n')).toEqual(['Maillage : usage : node bin/node24.js ensure | COMMANDE…']);
	});

	const older = olderNode();
	it.skipIf(!older || !downloadedDir)('test_launcher_on_an_older_node_runs_the_program_on_the_downloaded_node_24', () => {
		const r = launch(older!, ['node', '-p', 'process.versions.node'], { MAILLAGE_NODE_DIR: downloadedDir! });
		expect(r.status).toBe(0);
		expect(Number(r.stdout.trim().split('.')[0])).toBe(24);
		// One line says which Node runs, and from where.
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain(downloadedDir!);
	});
});
