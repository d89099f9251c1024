/**
 * The form actions of a structure's page about its members (membership.service.ts): ask to join,
 * withdraw or leave, accept or refuse a request, remove a member (moderators), edit the structure;
 * and, on a place's page, a member's direct edit of the place. Each needs a signed-in person
 * (the sign-in page otherwise, back here after).
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '../route-helpers.ts';
import { decideMembership, editStructure, editStructurePlace, removeMembership, requestMembership } from './membership.service.ts';

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** The members' actions of the structure whose id `structureId` gives. */
export function membershipActions(structureId: (event: RequestEvent) => string) {
	return {
		rejoindre: async (event: RequestEvent) => {
			const actor = requireUser(event.locals, event.url);
			const form = await event.request.formData();
			const values = { _form: 'join', note: text(form, 'note') };
			const res = await formAction(event.locals, values, () =>
				requestMembership(serviceContext(event.locals), actor, structureId(event), { note: values.note })
			);
			return res.ok ? { done: event.locals.t('directory.members.asked') } : res.failure;
		},
		quitter: async (event: RequestEvent) => {
			const actor = requireUser(event.locals, event.url);
			const was = await loadOr404(event.locals.t, () =>
				removeMembership(serviceContext(event.locals), actor, structureId(event), actor.id)
			);
			return { done: event.locals.t(was === 'active' ? 'directory.members.left' : 'directory.members.withdrawn') };
		},
		decider: async (event: RequestEvent) => {
			const actor = requireUser(event.locals, event.url);
			const form = await event.request.formData();
			const values = { _form: 'decide', userId: text(form, 'userId'), decision: text(form, 'decision'), name: text(form, 'name') };
			const res = await formAction(event.locals, values, () =>
				decideMembership(serviceContext(event.locals), actor, structureId(event), values.userId, { decision: values.decision })
			);
			if (!res.ok) return res.failure;
			const key = values.decision === 'accepted' ? 'directory.members.accepted' : 'directory.members.refused';
			return { done: event.locals.t(key, { name: values.name }) };
		},
		retirer: async (event: RequestEvent) => {
			const actor = requireUser(event.locals, event.url);
			const form = await event.request.formData();
			const userId = text(form, 'userId');
			if (!userId) return fail(400, { values: { _form: 'decide' }, errors: { _: event.locals.t('errors.notFound') } });
			await loadOr404(event.locals.t, () => removeMembership(serviceContext(event.locals), actor, structureId(event), userId));
			return { done: event.locals.t('directory.members.removed', { name: text(form, 'name') }) };
		},
		modifier: async (event: RequestEvent) => {
			const actor = requireUser(event.locals, event.url);
			const form = await event.request.formData();
			const values = { _form: 'edit', name: text(form, 'name'), type: text(form, 'type'), commune: text(form, 'commune') };
			const res = await formAction(event.locals, values, () =>
				editStructure(serviceContext(event.locals), actor, structureId(event), { ...values, version: text(form, 'version') })
			);
			return res.ok ? { done: event.locals.t('directory.members.edited') } : res.failure;
		}
	};
}

/** A member's direct edit of a place of their structure (the place's page, `?/modifier`). */
export async function editPlaceAction(event: RequestEvent, placeId: string) {
	const actor = requireUser(event.locals, event.url);
	const form = await event.request.formData();
	const values = { _form: 'placeEdit', field: text(form, 'field'), value: text(form, 'value'), structureId: text(form, 'structureId') };
	const res = await formAction(event.locals, values, () =>
		editStructurePlace(serviceContext(event.locals), actor, values.structureId, placeId, {
			field: values.field,
			value: values.value,
			version: text(form, 'version')
		})
	);
	return res.ok ? { done: event.locals.t('directory.members.placeEdited') } : res.failure;
}
