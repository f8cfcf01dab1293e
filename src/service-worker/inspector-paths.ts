/** The prerendered page that boots the app for any inspector address. */
export const SHELL_PATH = '/shell';

// The inspector's pages run in the browser alone, so the shell can answer for them offline.
const INSPECTOR_PATHS = [/^\/$/, /^\/conversations(\/.*)?$/, /^\/about\/?$/, /^\/sign-out\/?$/];

export function isInspectorPath(pathname: string): boolean {
	return INSPECTOR_PATHS.some((pattern) => pattern.test(pathname));
}
