/**
 * Typing that survives the browser being killed: characters lost when Chromium's processes get
 * SIGKILL 0, 100 and 500 ms after the last keystroke, over 20 kills each.
 *
 * How it is measured: a browser on a profile on disk (`launchPersistentContext`) signs in and
 * starts a conversation, then closes properly, so the session is on disk. Each round opens the
 * first question, types 60 characters with 20 ms between keys into its notes (replacing what was
 * there), waits the delay, kills every process of the browser (the main one first), opens the
 * profile again and reads the notes: what is missing from the end of the typed text is lost. No
 * baseline: the target is absolute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { killBrowser, launchOnDisk } from '../../tests/e2e/steps/persistent-browser';
import { startAppServer } from '../lib/app-server';
import { openApp, startConversation } from '../lib/browser';
import { spread, type Figure, type Part } from '../lib/figures';

const DELAYS = [0, 100, 500];
const VIEWPORT = { width: 1280, height: 800 };
const notes = (page: Page) => page.locator('[data-question-id="1.1"]').getByLabel('Notes');

export const part: Part = {
	key: 'killDurability',
	title: 'Typing kept when the browser is killed',
	async run({ quick, log }) {
		const server = await startAppServer();
		const profile = mkdtempSync(join(tmpdir(), 'esf-bench-profile-'));
		try {
			let context = await launchOnDisk(profile, server.url, VIEWPORT);
			let page = context.pages()[0] ?? (await context.newPage());
			await openApp(page);
			const id = await startConversation(page);
			await context.close();
			const address = `/conversations/${id}/areas/1`;
			const figures: Figure[] = [];
			for (const delay of DELAYS) {
				const lost: number[] = [];
				for (let round = 0; round < (quick ? 3 : 20); round++) {
					context = await launchOnDisk(profile, server.url, VIEWPORT);
					page = context.pages()[0] ?? (await context.newPage());
					await page.goto(address);
					await notes(page).fill('');
					const typed = `Round ${round} at ${delay} ms: ${'steady typing '.repeat(4)}`.slice(0, 60);
					await notes(page).pressSequentially(typed, { delay: 20 });
					await page.waitForTimeout(delay);
					killBrowser(profile);
					await context.close().catch(() => undefined);
					context = await launchOnDisk(profile, server.url, VIEWPORT);
					page = context.pages()[0] ?? (await context.newPage());
					await page.goto(address);
					const kept = await notes(page).inputValue();
					lost.push(typed.startsWith(kept) ? typed.length - kept.length : typed.length);
					await context.close();
				}
				log(`${delay} ms: lost ${lost.join(', ')}`);
				figures.push({
					key: `lost-${delay}ms`,
					label: `Characters lost, killed ${delay} ms after the last key (of 60 typed)`,
					unit: 'characters',
					measured: spread(lost),
					...(delay > 0 ? { target: { text: '0', met: Math.max(...lost) === 0 } } : {})
				});
			}
			return figures;
		} finally {
			rmSync(profile, { recursive: true, force: true });
			await server.stop();
		}
	}
};
