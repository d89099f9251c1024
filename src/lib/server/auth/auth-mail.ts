import type { DbOrTx } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { anonymousMailNotBefore } from '../mail/anonymous-mail.ts';
import { signInLinkAllowed } from './sign-in-throttle.ts';

/**
 * Queues the sign-in e-mail; the link is valid 15 minutes and works once. Nothing is queued when
 * the address already got SIGN_IN_LINKS_PER_ADDRESS links in 15 minutes (whatever path asked),
 * and a flood of requests waits behind the global cap (anonymous-mail.ts). Returns whether queued.
 */
export async function sendMagicLinkMail(db: DbOrTx, email: string, url: string): Promise<boolean> {
	const to = email.trim().toLowerCase();
	if (!(await signInLinkAllowed(db, to))) return false;
	const { text, html } = renderMail({
		lang: 'fr',
		preheader: 'Votre lien de connexion à Maillage',
		title: 'Connexion à Maillage',
		paragraphs: [
			'Bonjour,',
			'Pour vous connecter à Maillage, suivez le lien ci-dessous. Il est valable 15 minutes et ne sert qu’une fois.',
			'Si vous n’avez pas demandé ce lien, ignorez ce message : personne ne peut se connecter sans lui.'
		],
		action: { label: 'Me connecter', url }
	});
	const notBefore = await anonymousMailNotBefore(db);
	await enqueueMail(db, { kind: 'magic-link', to, subject: 'Votre lien de connexion à Maillage', text, html, notBefore });
	return true;
}
