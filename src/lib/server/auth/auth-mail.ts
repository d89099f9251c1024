import type { DbOrTx } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';

/** Queues the sign-in e-mail; the link is valid 15 minutes and works once. */
export async function sendMagicLinkMail(db: DbOrTx, email: string, url: string): Promise<void> {
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
	await enqueueMail(db, { kind: 'magic-link', to: email, subject: 'Votre lien de connexion à Maillage', text, html });
}
