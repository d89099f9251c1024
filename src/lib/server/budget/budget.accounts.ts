/**
 * The accounts of the Cerfa 12156 budget table (and of its financial report, Cerfa 15059), as
 * the associations' chart of accounts numbers them: charges 60–68 with their usual
 * sub-accounts and 86 (contributions in kind used), produits 70–79 and 87 (contributions in kind
 * received), plus the co-organisers' own funds. Names live in the i18n files
 * (`budget.accounts.<code>`), so that the French export reads as the Cerfa does.
 */

export const BUDGET_KINDS = ['charge', 'produit'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** The co-organisers' own funds: not an account number, the Cerfa's "ressources propres". */
export const OWN_FUNDS = 'own-funds';

/** Funders of operating subsidies (account 74), in the Cerfa's order. */
export const FUNDERS = ['state', 'region', 'departement', 'epci', 'commune', 'eu', 'other'] as const;
export type Funder = (typeof FUNDERS)[number];

/** Each class of the table and the sub-accounts organisers use, in the table's order. */
const CHARGES: [string, string[]][] = [
	['60', ['604', '606', '607']],
	['61', ['611', '613', '614', '615', '616', '618']],
	['62', ['621', '622', '623', '624', '625', '626', '627', '628']],
	['63', ['631', '633', '635', '637']],
	['64', ['641', '645', '647', '648']],
	['65', ['651']],
	['66', []],
	['67', []],
	['68', []]
];
const CHARGES_IN_KIND: [string, string[]] = ['86', ['860', '861', '862', '864']];
const PRODUITS: [string, string[]][] = [
	['70', ['706', '707', '708']],
	['71', []],
	['72', []],
	['73', []],
	['74', []],
	['75', ['754', '756', '758']],
	['76', []],
	['77', []],
	['78', []],
	['79', []],
	[OWN_FUNDS, []]
];
const PRODUITS_IN_KIND: [string, string[]] = ['87', ['870', '871', '875']];

export interface CerfaClass {
	/** "60", "86", "own-funds". */
	code: string;
	kind: BudgetKind;
	inKind: boolean;
	accounts: string[];
}

/** The classes of each side, in the order the Cerfa prints them (in-kind last). */
export const CERFA_CLASSES: CerfaClass[] = [
	...CHARGES.map(([code, accounts]) => ({ code, kind: 'charge' as const, inKind: false, accounts })),
	{ code: CHARGES_IN_KIND[0], kind: 'charge', inKind: true, accounts: CHARGES_IN_KIND[1] },
	...PRODUITS.map(([code, accounts]) => ({ code, kind: 'produit' as const, inKind: false, accounts })),
	{ code: PRODUITS_IN_KIND[0], kind: 'produit', inKind: true, accounts: PRODUITS_IN_KIND[1] }
];

const BY_ACCOUNT = new Map<string, CerfaClass>();
for (const c of CERFA_CLASSES) {
	BY_ACCOUNT.set(c.code, c);
	for (const a of c.accounts) BY_ACCOUNT.set(a, c);
}

/** Every account a line may use, in the table's order: for the account select and the API. */
export const ACCOUNTS: string[] = CERFA_CLASSES.flatMap((c) => [c.code, ...c.accounts]);

/** The class an account belongs to, or undefined when it is not one we know. */
export function classOf(account: string): CerfaClass | undefined {
	return BY_ACCOUNT.get(account);
}

export function isKnownAccount(account: string): boolean {
	return BY_ACCOUNT.has(account);
}

/** Whether the account is a charge or a produit (undefined when unknown). */
export function kindOfAccount(account: string): BudgetKind | undefined {
	return BY_ACCOUNT.get(account)?.kind;
}

/** Contributions in kind: 86x on the charges side, 87x on the produits side. */
export function isInKind(account: string): boolean {
	return BY_ACCOUNT.get(account)?.inKind ?? false;
}

/** Operating subsidies, which the Cerfa breaks down by funder. */
export function takesFunder(account: string): boolean {
	return account === '74';
}

/** Sort key of an account: its place in the Cerfa table. */
export function accountRank(account: string): number {
	const i = ACCOUNTS.indexOf(account);
	return i === -1 ? ACCOUNTS.length : i;
}

/** Accounts proposed for staff lines (days × daily cost): own staff, outside staff, volunteers. */
export const STAFF_ACCOUNTS = ['641', '621', '864'] as const;

/** Where the speakers' travel estimates go: "Déplacements, missions et réceptions". */
export const TRAVEL_ACCOUNT = '625';
