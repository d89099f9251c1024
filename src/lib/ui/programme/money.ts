/** "120", "85,50": euros from cents, French style (client-safe). */
export function centsToEuros(cents: number | null): string {
	if (cents === null) return '';
	return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',');
}
