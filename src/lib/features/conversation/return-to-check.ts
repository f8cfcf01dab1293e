/**
 * A "Change" link on the check answers page says so in its address, and the page it opens goes
 * back to check answers when saved instead of moving on.
 */
export const FROM_CHECK = 'from=check';

export function changeHref(href: string): string {
	const [path, fragment] = href.split('#');
	const query = `${path}${path!.includes('?') ? '&' : '?'}${FROM_CHECK}`;
	return fragment === undefined ? query : `${query}#${fragment}`;
}

export function cameFromCheck(url: URL): boolean {
	return url.searchParams.get('from') === 'check';
}

/** Where saving a page leads: check answers when the person came from there, otherwise `next`. */
export function afterSaving(url: URL, conversationBase: string, next: string): string {
	return cameFromCheck(url) ? `${conversationBase}/check` : next;
}
