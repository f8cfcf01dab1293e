/**
 * Offline cold start: with the network off, how long from opening a conversation's area page in a
 * new tab until its first question can be answered, against the precached shell page alone.
 *
 * How it is measured:
 * - Once, online: sign in, open the app until the service worker controls it (it precaches the
 *   whole app on install) and start a conversation. Then the network goes off
 *   (`context.setOffline(true)`) and that tab closes.
 * - Each round opens new tabs in the same context. Before each cold start the service worker is
 *   stopped (DevTools `ServiceWorker.stopAllWorkers`), as it is when the inspector opens the app
 *   some time after their last use, so the start includes waking it; a second start follows with
 *   the worker still running, as when a tab is opened soon after another.
 * - The measure is the page's own clock, `performance.now()`, which counts from the navigation's
 *   start: an init script watches the DOM (a MutationObserver on every change) and stamps the first
 *   moment the first radio of question 1.1 is in the document, enabled and has a box (Playwright's
 *   "visible": GOV.UK radios are opacity 0 over a styled label). Its handlers are attached when it
 *   is created (the page is rendered in the browser only), so that is the moment it is interactive.
 * - Baseline: the same for the shell page `/shell`, the one HTML page the service worker precaches
 *   (every inspector address is answered with it), until its load event (`loadEventStart` of its
 *   navigation timing), under the same conditions (worker stopped, or running).
 * - One warm-up round first is not counted (it builds the caches a second visit would have).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startAppServer } from '../lib/app-server';
import { launchChromium, newAppContext, openApp, startConversation } from '../lib/browser';
import { compared, spread, type Figure, type Part } from '../lib/figures';

/** Plain JavaScript for the page (tsx's keepNames helpers do not exist there, so not a function). */
const PAGE_SCRIPT = `(() => {
	if (!/^\\/conversations\\/[^/]+\\/areas\\/1$/.test(location.pathname)) return;
	const selector = '[data-question-id="1.1"] input[type="radio"]';
	const interactive = () => {
		const radio = document.querySelector(selector);
		if (!radio || radio.matches(':disabled')) return false;
		const box = radio.getBoundingClientRect();
		return box.width > 0 && box.height > 0;
	};
	const observer = new MutationObserver(() => {
		if (window.__benchInteractiveAt === undefined && interactive()) {
			window.__benchInteractiveAt = performance.now();
			observer.disconnect();
		}
	});
	observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

type Timing = {
	ms: number;
	/** fetchStart − workerStart: the time to find (and, when stopped, start) the service worker. */
	workerMs: number;
	controlled: boolean;
};

async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
	const cdp = await context.newCDPSession(page);
	try {
		await cdp.send('ServiceWorker.enable');
		await cdp.send('ServiceWorker.stopAllWorkers');
	} finally {
		await cdp.detach();
	}
	// Let the worker finish stopping, so the start that follows wakes it.
	await page.waitForTimeout(200);
}

/** Opens `path` in a new tab (the worker stopped first when `cold`) and reads the page's clock. */
async function start(
	context: BrowserContext,
	path: string,
	until: 'interactive' | 'load',
	cold: boolean
): Promise<Timing> {
	const page = await context.newPage();
	try {
		if (cold) await stopServiceWorkers(context, page);
		await page.goto(path, { waitUntil: until === 'load' ? 'load' : 'commit' });
		if (until === 'interactive') {
			await page.waitForFunction(
				() => (window as unknown as { __benchInteractiveAt?: number }).__benchInteractiveAt,
				undefined,
				{ timeout: 30_000 }
			);
		}
		return await page.evaluate((which) => {
			const navigation = performance.getEntriesByType(
				'navigation'
			)[0] as PerformanceNavigationTiming;
			const at =
				which === 'interactive'
					? (window as unknown as { __benchInteractiveAt: number }).__benchInteractiveAt
					: navigation.loadEventStart;
			return {
				ms: at,
				workerMs: navigation.workerStart > 0 ? navigation.fetchStart - navigation.workerStart : 0,
				controlled: navigator.serviceWorker.controller !== null
			};
		}, until);
	} finally {
		await page.close();
		// Let the closed tab's teardown pass before the next start.
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

export const part: Part = {
	key: 'offlineColdStart',
	title: 'Offline cold start',
	run: async (context) => {
		const times = context.quick ? 5 : 20;
		const server = await startAppServer();
		const browser = await launchChromium();
		try {
			const browserContext = await newAppContext(browser, server.url);
			await browserContext.addInitScript({ content: PAGE_SCRIPT });
			const setup = await browserContext.newPage();
			await openApp(setup);
			const id = await startConversation(setup, 'Larkspur');
			await browserContext.setOffline(true);
			await setup.close();
			const areaPath = `/conversations/${id}/areas/1`;
			context.log(`conversation ${id}; offline; opening ${areaPath} and /shell`);

			const samples = {
				cold: [] as Timing[],
				coldShell: [] as Timing[],
				warm: [] as Timing[],
				warmShell: [] as Timing[]
			};
			for (let i = -1; i < times; i++) {
				const round = {
					cold: await start(browserContext, areaPath, 'interactive', true),
					warm: await start(browserContext, areaPath, 'interactive', false),
					coldShell: await start(browserContext, '/shell', 'load', true),
					warmShell: await start(browserContext, '/shell', 'load', false)
				};
				for (const [name, timing] of Object.entries(round)) {
					if (!timing.controlled) {
						throw new Error(`The ${name} start was not served by the service worker`);
					}
				}
				if (i < 0) {
					context.log(
						`warm-up: area page ${round.cold.ms.toFixed(0)} ms cold, ${round.warm.ms.toFixed(0)} ms warm (not counted)`
					);
					continue;
				}
				for (const key of Object.keys(samples) as Array<keyof typeof samples>) {
					samples[key].push(round[key]);
				}
				context.log(
					`${i + 1}/${times}: area page ${round.cold.ms.toFixed(0)} ms cold (worker ${round.cold.workerMs.toFixed(0)} ms), ${round.warm.ms.toFixed(0)} ms warm; shell ${round.coldShell.ms.toFixed(0)} / ${round.warmShell.ms.toFixed(0)} ms`
				);
			}
			await browserContext.close();
			return figuresFrom(samples);
		} finally {
			await browser.close();
			await server.stop();
		}
	}
};

function figuresFrom(samples: Record<'cold' | 'coldShell' | 'warm' | 'warmShell', Timing[]>) {
	const ms = (list: Timing[]) => spread(list.map((timing) => timing.ms));
	const worker = (list: Timing[]) => spread(list.map((timing) => timing.workerMs)).median;
	const cold = ms(samples.cold);
	const warm = ms(samples.warm);
	const target = (measured: { median: number }) => ({
		text: 'median ≤ 300 ms',
		met: measured.median <= 300
	});
	const figures: Figure[] = [
		compared(
			{
				key: 'interactive',
				label:
					'Offline, new tab, service worker stopped: area page until question 1.1 can be answered',
				unit: 'ms',
				measured: cold,
				target: target(cold),
				note: `From navigation start (page clock) to the first radio of 1.1 attached, enabled and with a box; waking the worker took a median ${worker(samples.cold).toFixed(0)} ms`
			},
			{ label: 'Precached /shell until its load event, worker stopped', ...ms(samples.coldShell) }
		),
		compared(
			{
				key: 'interactiveWarmWorker',
				label:
					'Offline, new tab, service worker running: area page until question 1.1 can be answered',
				unit: 'ms',
				measured: warm,
				target: target(warm),
				note: 'As above, opened straight after the previous tab, the worker still running'
			},
			{ label: 'Precached /shell until its load event, worker running', ...ms(samples.warmShell) }
		)
	];
	return figures;
}
