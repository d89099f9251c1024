// The node flags bin/memory.ts adds at start, and those it leaves to the operator.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS, missingFlags } from './memory.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('the flags the server starts node with', () => {
	it('test_every_flag_is_added_when_the_operator_gave_none', () => {
		expect(missingFlags([])).toEqual(FLAGS);
		expect(FLAGS).toContain('--no-concurrent-recompilation');
	});

	it('test_a_flag_the_operator_gave_in_either_sense_or_spelling_is_left_as_given', () => {
		expect(missingFlags(['--max-semi-space-size=16'])).not.toContain('--max-semi-space-size=4');
		expect(missingFlags(['--concurrent-recompilation'])).not.toContain('--no-concurrent-recompilation');
		expect(missingFlags(['--no-concurrent-recompilation'])).not.toContain('--no-concurrent-recompilation');
		expect(missingFlags(['--heap_growing_percent=50'])).not.toContain('--heap-growing-percent=20');
		// A flag that only starts like one of ours is another flag.
		expect(missingFlags(['--concurrent-recompilation-queue-length=2'])).toContain('--no-concurrent-recompilation');
		expect(missingFlags(['--import', 'x.js', ''])).toEqual(FLAGS);
	});

	it('test_the_process_replaces_itself_with_the_flags_and_a_malloc_arena_cap_and_keeps_the_operators', () => {
		const probe = `(await import(${JSON.stringify(path.join(ROOT, 'bin/memory.ts'))})).restartWithMemoryFlags();
console.log(JSON.stringify({ argv: process.execArgv, arenas: process.env.MALLOC_ARENA_MAX, pid: process.pid }));`;
		const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
			const out = spawnSync(process.execPath, [...args, '--input-type=module', '-e', probe], {
				encoding: 'utf8',
				env: { ...process.env, MALLOC_ARENA_MAX: '', NODE_OPTIONS: '', ...env }
			});
			expect(out.stderr).toBe('');
			return JSON.parse(out.stdout) as { argv: string[]; arenas: string };
		};
		const plain = run([]);
		expect(plain.argv).toEqual(expect.arrayContaining(FLAGS));
		expect(plain.arenas).toBe('2');
		const chosen = run(['--concurrent-recompilation'], { MALLOC_ARENA_MAX: '4' });
		expect(chosen.argv).toContain('--concurrent-recompilation');
		expect(chosen.argv).not.toContain('--no-concurrent-recompilation');
		expect(chosen.argv).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--heap-growing-percent=20']));
		expect(chosen.arenas).toBe('4');
	});
});
