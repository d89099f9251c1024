import {
	addBudgetLine,
	getBudget,
	saveBudgetLines,
	syncStaffFromTime,
	syncTravelFromProgramme
} from '#lib/server/budget/budget.service.ts';
import {
	budgetLinesToShowAgain,
	budgetToFormLines,
	newLineFormToInput,
	readBudgetForm,
	readNewLineForm,
	readStaffLineForm,
	staffLineFormToInput,
	submitBudgetForm
} from '#lib/server/budget/budget.form.ts';
import { CERFA_CLASSES, FUNDERS, STAFF_ACCOUNTS } from '#lib/server/budget/budget.accounts.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const budget = await loadOr404(locals.t, () => getBudget(serviceContext(locals), actor, params.slug));
	return {
		budget,
		formLines: budgetToFormLines(budget),
		accounts: CERFA_CLASSES,
		funders: FUNDERS,
		staffAccounts: STAFF_ACCOUNTS
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const lines = readBudgetForm(await request.formData());
		const res = await formAction(locals, { lines: budgetLinesToShowAgain(lines), _form: 'save' }, () =>
			// Line by line, each at the version it was loaded with: lines added meanwhile stay.
			submitBudgetForm(lines, (input, keys, removed) => saveBudgetLines(serviceContext(locals), actor, params.slug, input, keys, removed))
		);
		if (!res.ok) return res.failure;
		return { saved: true };
	},
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readNewLineForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			addBudgetLine(serviceContext(locals), actor, params.slug, newLineFormToInput(values))
		);
		if (!res.ok) return res.failure;
		return { added: true };
	},
	staff: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readStaffLineForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'staff' }, () =>
			addBudgetLine(serviceContext(locals), actor, params.slug, staffLineFormToInput(values))
		);
		if (!res.ok) return res.failure;
		return { added: true };
	},
	travel: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'travel' }, () => syncTravelFromProgramme(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		return { travel: res.result };
	},
	time: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'time' }, () => syncStaffFromTime(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		return { staffSynced: res.result };
	}
};
