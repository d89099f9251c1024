/**
 * Checks live answers of the API against its own OpenAPI document with a JSON Schema validator
 * (Ajv, which reads OpenAPI 3.0's `nullable`): the answer's status must be documented for the
 * operation, and a JSON body must match the schema documented for that status. Component
 * schemas of output bodies are strict (`additionalProperties: false`), so an undocumented field,
 * a missing required one or an undeclared `null` fails.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import { callApi, type ApiAnswer } from './support.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as (
	ajv: Ajv
) => Ajv;

type Doc = { paths: Record<string, Record<string, any>>; components: Record<string, unknown> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export interface Operation {
	method: string;
	path: string;
	operationId: string;
}

/** Every operation of `doc`. */
export function operationsOf(doc: Pick<Doc, 'paths'>): Operation[] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		METHODS.filter((m) => item[m]).map((method) => ({ method, path, operationId: item[method].operationId as string }))
	);
}

export class OpenApiConformance {
	private readonly ajv: Ajv;
	private readonly templates: { path: string; pattern: RegExp }[];
	private readonly compiled = new Map<string, ValidateFunction>();
	/** `operationId`s of which at least one answer was checked, with the statuses seen. */
	readonly seen = new Map<string, Set<number>>();

	private readonly doc: Doc;

	constructor(doc: Doc) {
		this.doc = doc;
		this.ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(this.ajv);
		this.ajv.addFormat('binary', true);
		this.ajv.addSchema({ $id: 'maillage-openapi', components: doc.components });
		// Literal segments before parameters: `/events/{slug}/tasks.ics` is not `/events/{slug}/tasks/{id}`.
		this.templates = Object.keys(doc.paths)
			.map((path) => ({
				path,
				pattern: new RegExp('^' + path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
				params: (path.match(/\{/g) ?? []).length
			}))
			.sort((a, b) => a.params - b.params);
	}

	/** The documented path template that `pathname` (without `/api/v1` and query) falls under. */
	templateOf(pathname: string): string | undefined {
		return this.templates.find((t) => t.pattern.test(pathname))?.path;
	}

	/**
	 * Problems of `answer` to `method pathname` against the document (empty when it conforms);
	 * records the operation as seen.
	 */
	problems(method: string, pathname: string, answer: ApiAnswer): string[] {
		const where = `${method} ${pathname} → ${answer.status}`;
		const template = this.templateOf(pathname.split('?')[0]);
		if (!template) return [`${where}: no documented path`];
		const op = this.doc.paths[template][method.toLowerCase()];
		if (!op) return [`${where}: method not documented for ${template}`];
		const statuses = this.seen.get(op.operationId) ?? new Set<number>();
		statuses.add(answer.status);
		this.seen.set(op.operationId, statuses);
		const response = op.responses[String(answer.status)];
		if (!response) return [`${where}: status not documented (${Object.keys(op.responses).join(', ')})`];
		const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
		if (!response.content) return answer.text === '' ? [] : [`${where}: documented without a body, got ${type}`];
		const media = response.content[type];
		if (!media) return [`${where}: content type ${type || '(none)'} not documented (${Object.keys(response.content).join(', ')})`];
		if (type !== 'application/json' || !media.schema) return [];
		const key = `${template} ${method} ${answer.status}`;
		let validate = this.compiled.get(key);
		if (!validate) {
			validate = this.ajv.compile(this.resolvable(media.schema) as object);
			this.compiled.set(key, validate);
		}
		if (validate(answer.json)) return [];
		return (validate.errors ?? []).map(
			(e) => `${where}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)} (${e.schemaPath})`
		);
	}

	/**
	 * The operations of `parts` (`method path`) that no call has answered with a success yet: what a
	 * suite that drives those parts has left out.
	 */
	notSucceeded(parts: { paths: unknown }[]): string[] {
		const succeeded = new Set(
			operationsOf(this.doc)
				.filter((o) => [...(this.seen.get(o.operationId) ?? [])].some((s) => s < 300))
				.map((o) => `${o.method} ${o.path}`)
		);
		return parts
			.flatMap((part) => operationsOf({ paths: part.paths as Doc['paths'] }).map((o) => `${o.method} ${o.path}`))
			.filter((o) => !succeeded.has(o));
	}

	/** A schema of the document whose `#/components/…` references point into the registered components. */
	private resolvable(schema: unknown): unknown {
		return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"maillage-openapi#/components/'));
	}
}

type CallOptions = Parameters<typeof callApi>[3];

/**
 * Calls of the API whose answers are checked against the document as they come, their problems
 * gathered in `problems`: `api` for any answer, `ok` when the status is also expected.
 */
export function checkedCalls(target: () => { url: string; conformance: OpenApiConformance }, problems: string[]) {
	const api = async (method: string, pathname: string, options: CallOptions = {}): Promise<ApiAnswer> => {
		const { url, conformance } = target();
		const answer = await callApi(url, method, pathname, options);
		problems.push(...conformance.problems(method, pathname, answer));
		return answer;
	};
	const ok = async (method: string, pathname: string, options: CallOptions, status: number): Promise<ApiAnswer> => {
		const answer = await api(method, pathname, options);
		expect(answer.status, `${method} ${pathname}: ${answer.text.slice(0, 400)}`).toBe(status);
		return answer;
	};
	return { api, ok };
}
