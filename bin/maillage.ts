#!/usr/bin/env node
// The command-line tool: `npm run maillage -- <command>`. Runs from the TypeScript sources with
// Node's type stripping and calls the same services as the web app.
import { parseArgs } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, type AppContext } from '#lib/server/app.ts';
import { loadConfig } from '#lib/server/config.ts';
import { ensureUser, findUserByEmail } from '#lib/server/auth/user.service.ts';
import { createApiToken } from '#lib/server/auth/token.service.ts';
import { requestMagicLink } from '#lib/server/auth/sign-in.service.ts';
import { DEMO_ORGANISER_EMAIL, isEmpty, seedDemo } from '#lib/server/demo/demo.service.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { runDigestsCommand } from '#lib/server/planning/digest.service.ts';
import { runGroupDigestsCommand } from '#lib/server/groups/digest.service.ts';
import { translator } from '#lib/i18n/index.ts';
import { backupDatabase, backupFileName, dialectOfUrl, restoreDatabase } from '#lib/server/ops/backup.service.ts';
import { checkDatabaseUrl } from '#lib/server/ops/startup-check.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage : maillage <commande>
  migrate                                   met la base de données à jour
  user add --email E [--name N] [--admin]   crée (ou met à jour) un compte
  token create --email E [--name N]         crée un jeton d'API (affiché seul sur la dernière ligne)
  login-link --email E                      affiche un lien de connexion (valable 15 minutes)
  digests                                   met en file les e-mails hebdomadaires des tâches (une fois par semaine et par personne)
  group-digests [--dry-run]                 envoie maintenant le résumé hebdomadaire des groupes de travail (une fois par semaine et par personne) ;
                                            --dry-run liste ce qui partirait, sans rien envoyer
  demo                                      construit si besoin, charge la démo dans une base vide et sert l'application
  backup [--out FICHIER]                    sauvegarde la base (SQLite : copie en ligne ; PostgreSQL : pg_dump -Fc)
  restore FICHIER [--force]                 restaure une sauvegarde (refuse une base non vide sans --force)`;

class UsageError extends Error {}

function args(argv: string[]) {
	return parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			admin: { type: 'boolean' },
			out: { type: 'string' },
			force: { type: 'boolean' },
			'dry-run': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' }
		}
	});
}

async function withApp<T>(fn: (app: AppContext) => Promise<T>, onMagicLink?: (email: string, url: string) => void): Promise<T> {
	const app = await startApp({ mailWorker: false, onMagicLink });
	try {
		return await fn(app);
	} finally {
		await app.close();
	}
}

async function magicLinkFor(app: AppContext, email: string): Promise<string> {
	let link = '';
	const capture = await startApp({ config: app.config, mailWorker: false, onMagicLink: (_e, url) => (link = url) });
	try {
		await requestMagicLink(capture, email, '/organisateur', new Headers());
	} finally {
		await capture.close();
	}
	if (!link) throw new Error(`aucun lien n'a pu être créé pour ${email}`);
	return link;
}

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

function buildIfNeeded(): void {
	const built = join(root, 'build/index.js');
	const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'static')), statSync(join(root, 'package.json')).mtimeMs);
	if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
	console.log('Construction de l’application (vite build)…');
	const res = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
	if (res.status !== 0) throw new Error('la construction a échoué');
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode})`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('le serveur ne répond pas après 30 secondes');
}

async function demo(): Promise<void> {
	buildIfNeeded();
	const config = loadConfig();
	await withApp(async (app) => {
		if (await isEmpty(app.handle)) {
			const { events } = await seedDemo(app.handle, config.publicUrl);
			console.log(`Données de démonstration chargées : ${events.join(', ')}`);
		} else {
			await ensureUser(app.handle.db, { email: DEMO_ORGANISER_EMAIL, name: 'Camille Démo', admin: true });
			console.log('La base contient déjà des événements : la démonstration ne les touche pas.');
		}
	});
	const child = spawn(process.execPath, [join(root, 'bin/serve.js')], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, PORT: String(config.port), PUBLIC_URL: config.publicUrl }
	});
	const stop = () => child.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	await waitForHealth(`http://127.0.0.1:${config.port}`, child);
	const link = await withApp((app) => magicLinkFor(app, DEMO_ORGANISER_EMAIL));
	console.log(`
Maillage tourne sur ${config.publicUrl}
Connexion de l'organisatrice de démonstration (${DEMO_ORGANISER_EMAIL}), lien valable 15 minutes :
  ${link}
Nouveau lien : npm run maillage -- login-link --email ${DEMO_ORGANISER_EMAIL}
${
	config.smtpUrl
		? `Les e-mails partent par ${new URL(config.smtpUrl).host}.`
		: `Sans SMTP_URL, aucun e-mail ne part : ceux des autres personnes (inscrit·es, intervenant·es, équipe) se lisent dans la boîte d'envoi, ${config.publicUrl}/admin/outbox`
}
Ctrl+C pour arrêter.`);
	await new Promise<void>((resolve) => child.on('exit', () => resolve()));
}

async function main(argv: string[]): Promise<void> {
	const { positionals, values } = args(argv);
	const [command, sub] = positionals;
	if (values.help || !command) {
		console.log(USAGE);
		return;
	}
	switch (command) {
		case 'migrate':
			await withApp(async (app) => console.log(`Base ${app.handle.dialect} à jour.`));
			return;
		case 'user': {
			if (sub !== 'add') throw new UsageError(`sous-commande inconnue : user ${sub ?? ''}`);
			await withApp(async (app) => {
				const u = await ensureUser(app.handle.db, { email: values.email ?? '', name: values.name, admin: values.admin });
				console.log(`${u.created ? 'Compte créé' : 'Compte mis à jour'} : ${u.email}${u.isAdmin ? ' (administrateur·rice)' : ''}`);
			});
			return;
		}
		case 'token': {
			if (sub !== 'create') throw new UsageError(`sous-commande inconnue : token ${sub ?? ''}`);
			await withApp(async (app) => {
				const user = await findUserByEmail(app.handle.db, values.email ?? '');
				if (!user) throw new Error(`aucun compte pour « ${values.email ?? ''} » (créez-le avec : user add --email …)`);
				const { token, name } = await createApiToken(
					app.handle.db,
					{ id: user.id, isAdmin: user.is_admin === 1 },
					{ name: values.name ?? 'Ligne de commande' }
				);
				console.log(`Jeton « ${name} » créé pour ${user.email}. Il ne sera plus affiché :`);
				console.log(token);
			});
			return;
		}
		case 'login-link':
			await withApp(async (app) => {
				if (!(await findUserByEmail(app.handle.db, values.email ?? ''))) throw new Error(`aucun compte pour « ${values.email ?? ''} »`);
				console.log(await magicLinkFor(app, values.email!));
			});
			return;
		case 'digests':
			await withApp(async (app) => void (await runDigestsCommand({ db: app.handle.db, publicUrl: app.config.publicUrl })));
			return;
		case 'group-digests':
			await withApp(
				async (app) =>
					void (await runGroupDigestsCommand({ db: app.handle.db, publicUrl: app.config.publicUrl }, { dryRun: values['dry-run'] }))
			);
			return;
		case 'demo':
			await demo();
			return;
		case 'backup': {
			// No startApp: a backup neither migrates nor needs the app; it runs beside a live server.
			const url = loadConfig().databaseUrl;
			checkDatabaseUrl(url);
			const { file, bytes } = await backupDatabase(url, values.out ?? backupFileName(dialectOfUrl(url)));
			console.log(`Sauvegarde écrite : ${file} (${Math.ceil(bytes / 1024)} Ko)`);
			return;
		}
		case 'restore': {
			if (!sub) throw new UsageError('restore : le fichier de sauvegarde manque');
			const url = loadConfig().databaseUrl;
			checkDatabaseUrl(url);
			await restoreDatabase(url, sub, { force: values.force });
			console.log(`Sauvegarde « ${sub} » restaurée. Démarrez l’application : les migrations manquantes s’appliqueront.`);
			return;
		}
		default:
			throw new UsageError(`commande inconnue : ${command}`);
	}
}

main(process.argv.slice(2)).catch((e: unknown) => {
	const t = translator('fr');
	const message =
		e instanceof ValidationError
			? e.issues.map((i) => `${i.field} : ${t(i.message, i.params)}`).join(' ; ')
			: e instanceof Error
				? e.message
				: String(e);
	console.error(`maillage : ${message}${e instanceof UsageError ? ' (voir maillage --help)' : ''}`);
	process.exit(1);
});
