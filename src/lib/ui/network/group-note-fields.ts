import { errorFields } from '../error-fields.ts';

/** The error summary's fields of a group's note form (GroupNoteForm), for the pages that show it. */
export function groupNoteErrorFields(t: Parameters<typeof errorFields>[0]) {
	return errorFields(t, [
		['title', 'title', 'groups.notes.noteTitle'],
		['body', 'body', 'groups.notes.body'],
		['url', 'url', 'groups.notes.url']
	]);
}
