import { existsSync } from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];

/** The Chromium the browser tests drive: CHROMIUM_PATH, or the first system install found. */
export function chromiumPath() {
	const fromEnvironment = process.env.CHROMIUM_PATH;
	if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : null;
	return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Flags for Chromium on these machines: no sandbox (the tests run as root), no GPU, and none of
 * the background connections to Google that a closed network refuses.
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
