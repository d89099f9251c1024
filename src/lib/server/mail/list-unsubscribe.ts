/**
 * RFC 2369 `List-Unsubscribe` with RFC 8058's one-click `List-Unsubscribe-Post`: mail clients show
 * an "unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to the address, without opening
 * it in a browser. The address must change nothing on GET (scanners open links) and unsubscribe on
 * POST, answering 200. Used by campaigns and the weekly task e-mail.
 */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
	return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Whether a POST's form body is RFC 8058's one-click request. */
export function isOneClickUnsubscribe(form: FormData): boolean {
	return form.get('List-Unsubscribe') === 'One-Click';
}
