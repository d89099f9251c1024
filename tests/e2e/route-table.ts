// The app's route table, read from src/routes: every path, the verbs its endpoint exports and the
// named actions of its page. The security suite walks it so that a new route is covered the day
// it is added, without anyone listing it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './support.ts';

export interface RouteEntry {
	/** The URL pattern, groups removed: `/organisateur/e/[slug]/programme`. */
	pattern: string;
	/** HTTP verbs the route answers (a page: GET, and POST when it has actions). */
	verbs: string[];
	/** A page's form actions (`?/name`); `default` for an unnamed one. */
	actions: string[];
	kind: 'endpoint' | 'page';
}

const ROUTES = path.join(ROOT, 'src/routes');
const VERB = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

/** The keys of the object that the function `name`, imported by `source`, returns (its `\t\tkey: async` lines). */
function keysReturnedBy(name: string, source: string, dir: string): string[] {
	const imported = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(source)?.[1];
	if (!imported) return [];
	const file = imported.startsWith('#lib/') ? path.join(ROOT, 'src/lib', imported.slice(5)) : path.resolve(dir, imported);
	const body = readFileSync(file, 'utf8');
	return [...body.matchAll(/^\t{2}(\w+): async/gm)].map((m) => m[1]);
}

/** The top-level keys of `export const actions = { … }`, with those of the objects it spreads (`...fn(…)`), or those of the module it is built by. */
function actionNames(source: string, dir: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const rest = source.slice(start);
	const open = rest.indexOf('{');
	const call = /=\s*(\w+)\(/.exec(rest.slice(0, open < 0 ? undefined : open));
	if (call) {
		// `export const actions: Actions = boardActions(…)`: the keys of the object that module returns.
		const names = keysReturnedBy(call[1], source, dir);
		return names.length ? names : ['default'];
	}
	const block = rest.slice(open, rest.search(/\n\};/));
	const names = [
		...[...block.matchAll(/^\t(\w+):/gm)].map((m) => m[1]),
		...[...block.matchAll(/^\t\.\.\.(\w+)\(/gm)].flatMap((m) => keysReturnedBy(m[1], source, dir))
	];
	return names.length ? names : ['default'];
}

/** Every route of src/routes, sorted by pattern. */
export function routeTable(): RouteEntry[] {
	const entries: RouteEntry[] = [];
	const walk = (dir: string, segments: string[]) => {
		const names = readdirSync(dir);
		const pattern = '/' + segments.filter((s) => !/^\(.*\)$/.test(s)).join('/');
		if (names.includes('+server.ts')) {
			const source = readFileSync(path.join(dir, '+server.ts'), 'utf8');
			const verbs = [...new Set([...source.matchAll(VERB)].map((m) => m[1]))];
			entries.push({ pattern, verbs, actions: [], kind: 'endpoint' });
		}
		if (names.includes('+page.svelte')) {
			const server = names.includes('+page.server.ts') ? readFileSync(path.join(dir, '+page.server.ts'), 'utf8') : '';
			const actions = actionNames(server, dir);
			entries.push({ pattern, verbs: actions.length ? ['GET', 'POST'] : ['GET'], actions, kind: 'page' });
		}
		for (const name of names) {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) walk(full, [...segments, name]);
		}
	};
	walk(ROUTES, []);
	return entries.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The pattern with its parameters filled: the event's slug, and `other` for every other parameter. */
export function concretePath(pattern: string, slug: string, other = 'inconnu'): string {
	return pattern
		.replace(/\[slug\]/g, slug)
		.replace(/\[\.\.\.\w+\]/g, 'x/y')
		.replace(/\[\w+\]/g, other);
}

/** The requests a route answers: one per verb, one per named action for a page's POST. */
export function requestsOf(entry: RouteEntry): { method: string; suffix: string }[] {
	const out: { method: string; suffix: string }[] = [];
	for (const verb of entry.verbs) {
		if (entry.kind === 'page' && verb === 'POST')
			for (const action of entry.actions) out.push({ method: 'POST', suffix: action === 'default' ? '' : `?/${action}` });
		else out.push({ method: verb, suffix: '' });
	}
	return out;
}
