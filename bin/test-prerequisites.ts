// First step of `npm test`: says in one line what the machine lacks for the suites, before
// minutes of tests end in a failure that names something else.
// - Chromium missing: the browser suites cannot run; stop now and say how to install it.
// - PostgreSQL not answering: locally, the PostgreSQL suites are skipped (tests/helpers/db.ts);
//   in CI, or when TEST_PG_URL names a server, it is required and this stops.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function postgresAnswers(url: string): Promise<boolean> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve) => {
		const socket = connect({ host: hostname || '127.0.0.1', port: Number(port) || 5432 });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

const chromium = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
if (!existsSync(chromium)) {
	console.error(
		`npm test : Chromium introuvable (${chromium}) pour les tests navigateur : installez-le (sudo apt-get install -y --no-install-recommends chromium fonts-liberation) ou indiquez son chemin dans CHROMIUM_PATH.`
	);
	process.exit(1);
}

// The real consumers and peers some suites use (Debian packages).
const tools: [string, string][] = [
	['soffice', 'libreoffice-calc'],
	['xmllint', 'libxml2-utils'],
	['nginx', 'nginx-light'],
	['pg_dump', 'postgresql-client']
];
const onPath = (name: string) =>
	[...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin'].some((dir) => dir && existsSync(`${dir}/${name}`));
const lacking = tools.filter(([name]) => !onPath(name)).map(([, pkg]) => pkg);
if (lacking.length) {
	console.error(
		`npm test : outils absents pour certaines suites : installez-les (sudo apt-get install -y --no-install-recommends ${lacking.join(' ')}).`
	);
	process.exit(1);
}

const pgUrl = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(await postgresAnswers(pgUrl))) {
	const where = new URL(pgUrl).host;
	if (process.env.CI || process.env.TEST_PG_URL) {
		console.error(`npm test : PostgreSQL ne répond pas sur ${where}, et il est exigé ici (CI ou TEST_PG_URL) : démarrez-le.`);
		process.exit(1);
	}
	console.warn(
		`npm test : PostgreSQL ne répond pas sur ${where} : les suites PostgreSQL sont sautées (TEST_PG_URL pour un autre serveur).`
	);
}
