import { z } from 'zod';
import { evenWithFieldErrors, plainText, rowId } from '../planning/prep-validation.ts';
import { BUDGET_KINDS, FUNDERS, STAFF_ACCOUNTS, isKnownAccount, kindOfAccount, takesFunder } from './budget.accounts.ts';
import { MAX_CENTS } from './money.ts';

export const LINE_SOURCES = ['programme-travel', 'time-tracking'] as const;

/** An amount in integer cents: 123456 is 1 234,56 €. */
export const centsSchema = z
	.number({ error: 'budget.errors.amountNotNumber' })
	.int({ error: 'budget.errors.centsInteger' })
	.min(0, { error: 'budget.errors.amountNegative' })
	.max(MAX_CENTS, { error: 'budget.errors.amountTooBig' })
	.meta({ description: 'Montant en centimes d’euro (entier) : 123456 pour 1 234,56 €' });

/** Days with at most two decimals (2.5 days), for staff lines. */
export const daysSchema = z
	.number({ error: 'budget.errors.daysInvalid' })
	.min(0, { error: 'budget.errors.daysInvalid' })
	.max(366, { error: 'budget.errors.daysInvalid' })
	.refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { error: 'budget.errors.daysDecimals' })
	.meta({ description: 'Jours, deux décimales au plus' });

export const staffSchema = z
	.object({
		memberId: rowId.nullish().meta({ description: 'Membre du comité dont ce sont les jours' }),
		plannedDays: daysSchema,
		actualDays: daysSchema.nullish(),
		dailyCostCents: centsSchema.meta({ description: 'Coût journalier en centimes' })
	})
	.strict()
	.meta({ description: 'Ligne de personnel : jours × coût journalier (les montants en sont calculés)' });

export const budgetLineInputSchema = z
	.object({
		kind: z.enum(BUDGET_KINDS, { error: 'budget.errors.kindInvalid' }),
		account: z
			.string({ error: 'budget.errors.accountUnknown' })
			.trim()
			.meta({ description: 'Compte du Cerfa 12156 : "60", "604", "74", "864", "870"… ou "own-funds" (fonds propres)' }),
		label: plainText(200).default(''),
		plannedCents: centsSchema.optional(),
		actualCents: centsSchema.nullish(),
		funder: z
			.enum(FUNDERS, { error: 'budget.errors.funderInvalid' })
			.nullish()
			.meta({ description: 'Pour le compte 74 : state (État, ANCT), region, departement, epci, commune, eu (fonds européens), other' }),
		staff: staffSchema.nullish(),
		source: z.enum(LINE_SOURCES, { error: 'errors.invalidChoice' }).nullish()
	})
	.strict()
	.superRefine((v, ctx) => {
		// Runs even when another field failed: `v` may then hold raw values, hence the type checks.
		if (typeof v.account !== 'string') return;
		if (!isKnownAccount(v.account)) {
			ctx.addIssue({ code: 'custom', path: ['account'], message: 'budget.errors.accountUnknown' });
			return;
		}
		const kind = kindOfAccount(v.account);
		if ((BUDGET_KINDS as readonly unknown[]).includes(v.kind) && kind !== v.kind)
			ctx.addIssue({
				code: 'custom',
				path: ['account'],
				message: kind === 'charge' ? 'budget.errors.accountIsCharge' : 'budget.errors.accountIsProduit'
			});
		if (v.funder && !takesFunder(v.account)) ctx.addIssue({ code: 'custom', path: ['funder'], message: 'budget.errors.funderOnly74' });
		if (v.staff && !(STAFF_ACCOUNTS as readonly string[]).includes(v.account))
			ctx.addIssue({ code: 'custom', path: ['account'], message: 'budget.errors.staffAccount' });
		if (!v.staff && v.plannedCents === undefined)
			ctx.addIssue({ code: 'custom', path: ['plannedCents'], message: 'budget.errors.amountRequired' });
	}, evenWithFieldErrors)
	.meta({ id: 'BudgetLineInput' });

export type BudgetLineInput = z.output<typeof budgetLineInputSchema>;

/** `PUT /api/v1/events/{slug}/budget`: every line of the budget, replacing the stored ones. */
export const budgetInputSchema = z
	.object({
		lines: z.array(budgetLineInputSchema, { error: 'errors.invalidType' }).max(500, { error: 'errors.tooManyItems' })
	})
	.strict()
	.meta({ id: 'BudgetInput' });

const totals = z.object({
	chargesPlannedCents: z.number().int(),
	produitsPlannedCents: z.number().int(),
	chargesActualCents: z.number().int(),
	produitsActualCents: z.number().int()
});

/** The budget as the API returns it. */
export const budgetViewSchema = z
	.object({
		lines: z.array(
			z.object({
				kind: z.enum(BUDGET_KINDS),
				account: z.string(),
				label: z.string(),
				plannedCents: z.number().int(),
				actualCents: z.number().int(),
				funder: z.enum(FUNDERS).optional(),
				staff: z
					.object({
						memberId: z.string().nullable(),
						plannedDays: z.number(),
						actualDays: z.number().nullable(),
						dailyCostCents: z.number().int()
					})
					.optional(),
				source: z.enum(LINE_SOURCES).optional()
			})
		),
		totals: totals.meta({
			description: 'Totaux des charges (60 à 68) et des produits (70 à 79, fonds propres), hors contributions en nature'
		}),
		balanced: z.boolean().meta({ description: 'Total des charges = total des produits (prévu)' }),
		inKindBalanced: z.boolean().meta({ description: '86 = 87 (prévu)' }),
		inKind: totals.meta({ description: 'Contributions volontaires en nature : 86 (charges) et 87 (produits)' }),
		actualBalanced: z.boolean().meta({ description: 'Équilibre sur le réalisé' })
	})
	.meta({ id: 'Budget' });
