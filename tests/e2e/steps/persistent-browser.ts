import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from '../../../scripts/chromium-path.js';

/** A browser on a profile kept on disk, as a person's browser is. */
export function launchOnDisk(
	profile: string,
	baseURL: string | undefined,
	viewport: { width: number; height: number }
): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath() ?? undefined,
		args: CHROMIUM_FLAGS,
		baseURL,
		viewport,
		serviceWorkers: 'allow'
	});
}

/**
 * Kills the browser with SIGKILL, main process first and then every process of its profile, as a
 * flat battery would: none of them gets to write anything more.
 */
export function killBrowser(profile: string): void {
	const pids = execFileSync('pgrep', ['-f', `user-data-dir=${profile}`])
		.toString()
		.trim()
		.split('\n');
	const main = pids.find(
		(pid) => !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=')
	);
	if (!main) throw new Error(`No browser process found for ${profile}`);
	process.kill(Number(main), 'SIGKILL');
	for (const pid of pids) {
		try {
			process.kill(Number(pid), 'SIGKILL');
		} catch {
			// Already gone with the main process.
		}
	}
}
