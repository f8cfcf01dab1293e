/**
 * JavaScript and CSS sent: how much code an inspector's phone downloads to open the first page and
 * a conversation, gzip-compressed, against the sign-in page (the smallest page of the app).
 *
 * How it is measured:
 * - A fresh Chromium context with the service worker blocked (so nothing is precached or served
 *   from it) and the HTTP cache disabled on every page (DevTools `Network.setCacheDisabled`): each
 *   page load below fetches everything it needs, as a first visit would.
 * - Every response whose content type is JavaScript or CSS (or, without one, whose resource type
 *   is script or stylesheet) is recorded once per URL, from the start of the navigation until the
 *   page is interactive and then has had no request for 500 ms (Playwright's networkidle), so
 *   chunks the page fetches while starting count, shared ones included. Each body, as served and
 *   decoded, is gzipped with node:zlib at its default level 6, and the sizes are summed
 *   (1 KB = 1024 B). Scripts inline in the HTML (SvelteKit's few-line boot script) are not counted.
 * - Pages: the sign-in page signed out (the baseline), then, signed in, the first inspector page
 *   `/` (interactive when "Start a new conversation" is visible), and a conversation's area page
 *   `/conversations/<id>/areas/1` opened directly (interactive when the first radio of question
 *   1.1 can be answered), after starting that conversation in another tab.
 * - Sizes are deterministic for a build, so each figure is one measurement (n = 1).
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';
import { startAppServer } from '../lib/app-server';
import {
	launchChromium,
	newAppContext,
	settle,
	signIn,
	startConversation,
	waitForFirstQuestion
} from '../lib/browser';
import { compared, type Figure, type Part, type Spread } from '../lib/figures';

type Asset = { url: string; kind: 'js' | 'css'; bytes: number; gzip: number };
type Load = { assets: Asset[]; js: number; css: number };

function kindOf(contentType: string, resourceType: string): Asset['kind'] | null {
	if (/javascript|ecmascript/i.test(contentType)) return 'js';
	if (/text\/css/i.test(contentType)) return 'css';
	if (contentType) return null;
	if (resourceType === 'script') return 'js';
	if (resourceType === 'stylesheet') return 'css';
	return null;
}

/** A new tab with the HTTP cache off, recording every JS and CSS response until `stop`. */
async function recordingPage(context: BrowserContext) {
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const seen = new Set<string>();
	const pending: Array<Promise<Asset | null>> = [];
	page.on('response', (response) => {
		const kind = kindOf(
			response.headers()['content-type'] ?? '',
			response.request().resourceType()
		);
		const url = response.url();
		if (!kind || response.status() !== 200 || seen.has(url)) return;
		seen.add(url);
		pending.push(
			response.body().then(
				(body) => ({ url, kind, bytes: body.length, gzip: gzipSync(body).length }),
				() => null
			)
		);
	});
	return {
		page,
		stop: async (): Promise<Load> => {
			const assets = (await Promise.all(pending)).filter((asset) => asset !== null);
			const sum = (kind: Asset['kind']) =>
				assets
					.filter((asset) => asset.kind === kind)
					.reduce((total, asset) => total + asset.gzip, 0);
			await cdp.detach();
			return { assets, js: sum('js') / 1024, css: sum('css') / 1024 };
		}
	};
}

async function load(
	context: BrowserContext,
	path: string,
	interactive: (page: Page) => Promise<void>
): Promise<Load> {
	const { page, stop } = await recordingPage(context);
	await page.goto(path);
	await interactive(page);
	await settle(page);
	const result = await stop();
	await page.close();
	return result;
}

const one = (value: number): Spread => ({ median: value, p95: value, n: 1 });

function describe(name: string, result: Load): string {
	const largest = [...result.assets]
		.sort((a, b) => b.gzip - a.gzip)
		.slice(0, 4)
		.map(
			(asset) => `${new URL(asset.url).pathname.split('/').pop()} ${(asset.gzip / 1024).toFixed(1)}`
		)
		.join(', ');
	const count = (kind: Asset['kind']) =>
		result.assets.filter((asset) => asset.kind === kind).length;
	return `${name}: JS ${result.js.toFixed(1)} KB in ${count('js')} files, CSS ${result.css.toFixed(1)} KB in ${count('css')} (largest: ${largest})`;
}

export const part: Part = {
	key: 'bytes',
	title: 'JavaScript and CSS sent',
	run: async (context) => {
		const server = await startAppServer();
		const browser = await launchChromium();
		try {
			const browserContext = await newAppContext(browser, server.url, { serviceWorkers: 'block' });

			const signInPage = await load(browserContext, '/sign-in', async (page) => {
				await page
					.getByRole('button', { name: /sign in/i })
					.first()
					.waitFor();
			});
			context.log(describe('sign-in page', signInPage));

			const setup = await browserContext.newPage();
			await signIn(setup);
			await setup.close();
			const home = await load(browserContext, '/', async (page) => {
				await page.getByRole('link', { name: 'Start a new conversation' }).waitFor();
			});
			context.log(describe('first inspector page', home));

			const starter = await browserContext.newPage();
			const id = await startConversation(starter, 'Larkspur');
			await starter.close();
			const conversation = await load(
				browserContext,
				`/conversations/${id}/areas/1`,
				waitForFirstQuestion
			);
			context.log(describe('conversation page', conversation));
			await browserContext.close();

			const jsBaseline = { label: 'Sign-in page JavaScript', ...one(signInPage.js) };
			const cssBaseline = { label: 'Sign-in page CSS', ...one(signInPage.css) };
			const jsTarget = (kb: number) => ({ text: '≤ 80 KB of JavaScript (gzip)', met: kb <= 80 });
			const note =
				'gzip level 6 of each file as served, summed; 1 KB = 1024 B; empty cache, no service worker';
			const figures: Figure[] = [
				compared(
					{
						key: 'homeJs',
						label: 'First inspector page: JavaScript',
						unit: 'KB',
						measured: one(home.js),
						target: jsTarget(home.js),
						note
					},
					jsBaseline
				),
				compared(
					{
						key: 'homeCss',
						label: 'First inspector page: CSS',
						unit: 'KB',
						measured: one(home.css),
						note
					},
					cssBaseline
				),
				compared(
					{
						key: 'conversationJs',
						label: 'Conversation page: JavaScript',
						unit: 'KB',
						measured: one(conversation.js),
						target: jsTarget(conversation.js),
						note
					},
					jsBaseline
				),
				compared(
					{
						key: 'conversationCss',
						label: 'Conversation page: CSS',
						unit: 'KB',
						measured: one(conversation.css),
						note
					},
					cssBaseline
				)
			];
			return figures;
		} finally {
			await browser.close();
			await server.stop();
		}
	}
};
