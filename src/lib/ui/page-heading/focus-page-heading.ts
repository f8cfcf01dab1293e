/**
 * After a page change inside the app, focus goes to the page's main heading, so a keyboard or
 * screen reader user starts where the new page's content starts rather than at the top of the
 * page, several tabs from the form. A page that opens at a part of itself (one question of
 * several) marks that part's heading with `data-focus-start`; it is focused on the first load
 * too, where the browser's own focus is otherwise kept.
 */
export function focusPageHeading({ firstLoad = false } = {}): boolean {
	const active = document.activeElement;
	// Something on the page asked for focus itself (autofocus, an error summary): leave it there.
	if (active && active !== document.body && active !== document.documentElement) return false;
	const start = document.querySelector<HTMLElement>('main [data-focus-start]');
	const heading = start ?? (firstLoad ? null : document.querySelector<HTMLElement>('main h1'));
	if (!heading) return false;
	if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
	heading.focus();
	return document.activeElement === heading;
}
