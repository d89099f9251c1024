/** SIRET: 14 digits passing the Luhn check (La Poste's establishments use a digit sum instead). */
export function isValidSiret(siret: string): boolean {
	if (!/^\d{14}$/.test(siret)) return false;
	if (siret.startsWith('356000000')) {
		const sum = [...siret].reduce((s, d) => s + Number(d), 0);
		return siret === '35600000000048' || sum % 5 === 0;
	}
	return luhn(siret);
}

/** SIREN: 9 digits passing the Luhn check. */
export function isValidSiren(siren: string): boolean {
	return /^\d{9}$/.test(siren) && luhn(siren);
}

/** RNA (répertoire national des associations): "W" then nine characters, digits or capitals. */
export function isValidRna(rna: string): boolean {
	return /^W[0-9A-Z]{9}$/.test(rna);
}

function luhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}
