/**
 * Who calls the network's API: a participant with their private link's token as a bearer
 * (`mrg_…`, which hooks do not know and flag as a bad token), else the signed-in person or API
 * token's owner (401 without either). A private-link token nobody holds is a 401 too.
 */
import { json } from '@sveltejs/kit';
import { apiHandler, errorBody, requireActor } from '../api/api.ts';
import { bearerManageToken } from '../registrations/registration.http.ts';
import { serviceContext } from '../route-helpers.ts';
import { NotFoundError } from '../validation.ts';
import { participantFromToken, type NetworkWho } from './network-viewer.ts';

export function networkApi(locals: App.Locals, request: Request, run: (who: NetworkWho) => Promise<Response>): Promise<Response> {
	return apiHandler(locals, async () => {
		const token = bearerManageToken(request);
		if (!token || locals.actor) return run({ actor: requireActor(locals) });
		try {
			await participantFromToken(serviceContext(locals).db, token);
		} catch (e) {
			if (!(e instanceof NotFoundError)) throw e;
			return json(errorBody([{ field: 'authorization', message: locals.t('registration.errors.linkInvalid') }]), {
				status: 401,
				headers: { 'www-authenticate': 'Bearer error="invalid_token"' }
			});
		}
		return run({ token });
	});
}
