import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../api/openapi.ts';

describe('preparation in the OpenAPI document', () => {
	it('test_tasks_and_budget_are_documented_from_their_validation_schemas', () => {
		const doc = buildOpenApi('http://localhost:3000') as any;
		const s = doc.components.schemas;
		expect(s.TaskInput.required).toEqual(expect.arrayContaining(['title', 'phase']));
		expect(s.TaskInput.properties.phase.enum).toEqual(['framing', 'mobilisation', 'engagement', 'production', 'day', 'follow-up']);
		expect(Object.keys(s.Task.properties)).toEqual(
			expect.arrayContaining(['id', 'title', 'phase', 'dueDate', 'offsetDays', 'status', 'owner'])
		);
		expect(Object.keys(s.Budget.properties)).toEqual(expect.arrayContaining(['lines', 'totals', 'balanced', 'inKindBalanced']));
		expect(s.BudgetLineInput.properties.plannedCents.type).toBe('integer');
		for (const path of ['/events/{slug}/tasks', '/events/{slug}/budget', '/events/{slug}/budget.xlsx', '/events/{slug}/tasks.ics'])
			expect(doc.paths[path], path).toBeDefined();
		// Every reference points at a schema of the document.
		const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w.-]+/g) ?? [];
		for (const ref of new Set(refs)) expect(s[ref.split('/').at(-1)!], ref).toBeDefined();
	});
});
