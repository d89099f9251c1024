/** Reading the working groups' forms into the plain objects their services validate, and back. */
import { textFormValues } from '../network/network.form.ts';
import { toDatetimeLocal } from '../../time.ts';
import type { GroupView } from './groups.schema.ts';

export const GROUP_FIELDS = [
	'title',
	'purpose',
	'sessionId',
	'status',
	'nextMeetingAt',
	'nextMeetingMinutes',
	'nextMeetingPlace',
	'nextStatus',
	'outputs'
] as const;
export const NOTE_FIELDS = ['title', 'body', 'url'] as const;

/** The group form as typed. */
export function groupFormValues(form: FormData): Record<string, string> {
	return textFormValues(form, GROUP_FIELDS);
}

/** The note form as typed. */
export function noteFormValues(form: FormData): Record<string, string> {
	return textFormValues(form, NOTE_FIELDS);
}

/** A group's fields as its edit form shows them (the next meeting in Paris time). */
export function groupFormDefaults(group: GroupView): Record<string, string> {
	return {
		title: group.title,
		purpose: group.purpose,
		sessionId: group.session?.id ?? '',
		status: group.status,
		nextMeetingAt: group.nextMeeting ? toDatetimeLocal(group.nextMeeting.startsAt) : '',
		nextMeetingMinutes: group.nextMeeting ? String(group.nextMeeting.minutes) : '',
		nextMeetingPlace: group.nextMeeting?.place ?? '',
		nextStatus: group.nextStatus ?? '',
		outputs: group.outputs,
		version: String(group.version)
	};
}
