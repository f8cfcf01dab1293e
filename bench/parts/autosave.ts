/**
 * Autosave: how long from an inspector changing an answer until the change is committed to
 * IndexedDB, against a bare IndexedDB put of a record of the same size in the same page.
 *
 * How it is measured (all in the page, with the page's own clock, so nothing of Playwright's round
 * trips is counted):
 * - An init script wraps `IDBDatabase.prototype.transaction` and `IDBObjectStore.prototype.add`
 *   before the app loads: every read-write transaction gets a `complete` listener as it is created
 *   (so it runs before Dexie's own handler and the app's reaction), and one that `add`s to the
 *   `outbox` store stamps `performance.now()` when it completes. `recordChanges` writes the outbox
 *   entries, `meta.nextSeq` and the conversation in that one read-write transaction with strict
 *   durability, so `complete` is the moment the change is on disk: exactly "the IndexedDB
 *   transaction committed". The "Saved on this device" status is stamped too (a MutationObserver
 *   on its `data-state`), but it includes Svelte's update, so it is reported beside the commit,
 *   not as the measure.
 * - The clock starts just before the change event is dispatched. Changes alternate between the
 *   two ways an answer changes: choosing a radio of question 1.1 (`element.click()`, whose change
 *   handler saves at once) and typing its notes (an `input` event, then `blur`, which flushes the
 *   save at once instead of waiting out the 300 ms typing debounce, the wait being deliberate).
 * - The radio alternates between "Yes" and "Partly". The first 5 changes are a warm-up and not
 *   counted; among them the first "Partly", which also raises a flag (a second mutation), so
 *   every counted change is one `answer.set`.
 * - After each change the page settles (saved shown, two frames) and then the baseline runs: a
 *   `put` of a structured clone of the outbox entry just added, with the same strict durability,
 *   into a scratch database of its own, timed until the transaction's `complete` event.
 * - The context is offline while measuring, as an inspector in a call often is, so sync uploads
 *   (which would otherwise run a second after each change) neither add nor contend.
 */
import type { Page } from '@playwright/test';
import { startAppServer } from '../lib/app-server';
import {
	launchChromium,
	newAppContext,
	openApp,
	settle,
	startConversation,
	waitForFirstQuestion
} from '../lib/browser';
import { compared, spread, type Figure, type Part } from '../lib/figures';

/** Plain JavaScript for the page (tsx's keepNames helpers do not exist there, so not a function). */
const PAGE_SCRIPT = `(() => {
	const commits = [];
	const waiters = [];
	const writes = new WeakMap();
	let lastAdded = null;
	// The complete listener is added as the transaction is created, before Dexie sets its own
	// oncomplete, so the stamp is taken before any of the app's reaction to the commit runs.
	const transaction = IDBDatabase.prototype.transaction;
	IDBDatabase.prototype.transaction = function (...args) {
		const created = transaction.apply(this, args);
		if (args[1] === 'readwrite') {
			const write = { outbox: false, createdAt: performance.now() };
			writes.set(created, write);
			created.addEventListener('complete', () => {
				const at = performance.now();
				if (!write.outbox) return;
				commits.push({ at, createdAt: write.createdAt });
				for (const wake of waiters.splice(0)) wake();
			});
		}
		return created;
	};
	const add = IDBObjectStore.prototype.add;
	IDBObjectStore.prototype.add = function (...args) {
		if (this.name === 'outbox') {
			lastAdded = args[0];
			const write = writes.get(this.transaction);
			if (write) write.outbox = true;
		}
		return add.apply(this, args);
	};

	const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
	const until = async (ready, what, timeoutMs = 10000) => {
		const deadline = performance.now() + timeoutMs;
		while (!ready()) {
			if (performance.now() > deadline) throw new Error('Timed out waiting for ' + what());
			await pause(1);
		}
	};
	const nextCommit = (count) =>
		new Promise((resolve, reject) => {
			if (commits.length > count) return resolve();
			const timer = setTimeout(() => reject(new Error('No outbox commit within 10 s')), 10000);
			waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});

	let scratch = null;
	const openScratch = () =>
		new Promise((resolve, reject) => {
			const request = indexedDB.open('esf-bench-scratch', 1);
			request.onupgradeneeded = () => request.result.createObjectStore('records', { keyPath: 'seq' });
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});

	/** One bare put of \`record\`, from the call until the transaction's complete event. */
	const barePut = async (record) => {
		scratch = scratch || (await openScratch());
		const start = performance.now();
		const transaction = scratch.transaction('records', 'readwrite', { durability: 'strict' });
		const done = new Promise((resolve, reject) => {
			transaction.oncomplete = () => resolve(performance.now());
			transaction.onerror = () => reject(transaction.error);
			transaction.onabort = () => reject(transaction.error || new Error('aborted'));
		});
		transaction.objectStore('records').put(record);
		return (await done) - start;
	};

	/** One change of question 1.1, then (settled) the baseline put of the entry it added. */
	const round = async (kind, value, seq) => {
		const section = document.querySelector('[data-question-id="1.1"]');
		const status = document.querySelector('[data-testid="save-status"]');
		if (!section || !status) throw new Error('Question 1.1 or the save status is not on the page');
		const before = commits.length;
		let savedAt = null;
		const observer = new MutationObserver(() => {
			if (savedAt === null && commits.length > before && status.dataset.state === 'saved') {
				savedAt = performance.now();
			}
		});
		observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
		let start;
		if (kind === 'radio') {
			const radio = section.querySelector('input[type="radio"][value="' + value + '"]');
			if (!radio) throw new Error('No radio ' + value + ' on question 1.1');
			start = performance.now();
			radio.click();
		} else {
			const notes = section.querySelector('textarea');
			if (!notes) throw new Error('No notes on question 1.1');
			notes.focus();
			notes.value = value;
			start = performance.now();
			notes.dispatchEvent(new Event('input', { bubbles: true }));
			notes.blur();
		}
		await nextCommit(before);
		const { at: committedAt, createdAt } = commits[before];
		await until(
			() => savedAt !== null,
			() => '"Saved on this device" (save status ' + status.dataset.state + ')'
		);
		observer.disconnect();
		if (commits.length !== before + 1) {
			throw new Error('One change made ' + (commits.length - before) + ' outbox commits');
		}
		await frame();
		await frame();
		await pause(0);
		const record = structuredClone(lastAdded);
		const bytes = JSON.stringify(record).length;
		record.seq = seq;
		const baseline = await barePut(record);
		return {
			commit: committedAt - start,
			beforeTransaction: createdAt - start,
			saved: savedAt - start,
			baseline,
			bytes
		};
	};

	window.__benchAutosave = { round };
})();`;

type Round = {
	commit: number;
	/** From the change until the app opened its read-write transaction (journal, validation). */
	beforeTransaction: number;
	saved: number;
	baseline: number;
	bytes: number;
};
type BenchWindow = {
	__benchAutosave: { round: (kind: string, value: string, seq: number) => Promise<Round> };
};

const NOTES =
	'Provider said the IPC lead checks agency staff training every week; audits monthly since March. ';

/** The change for round `i`: even rounds choose a radio (Partly / Yes), odd rounds type notes. */
function changeFor(i: number): { kind: 'radio' | 'notes'; value: string } {
	if (i % 2 === 0) return { kind: 'radio', value: i % 4 === 0 ? 'partly' : 'yes' };
	return { kind: 'notes', value: `${NOTES}Change ${i}.` };
}

async function runRound(page: Page, i: number): Promise<Round & { kind: 'radio' | 'notes' }> {
	const { kind, value } = changeFor(i);
	const round = await page.evaluate(
		([k, v, seq]) => (window as unknown as BenchWindow).__benchAutosave.round(k, v, seq),
		[kind, value, i] as const
	);
	return { ...round, kind };
}

const WARM_UP = 5;

export const part: Part = {
	key: 'autosave',
	title: 'Autosave',
	run: async (context) => {
		const times = context.quick ? 100 : 1000;
		const server = await startAppServer();
		const browser = await launchChromium();
		try {
			const browserContext = await newAppContext(browser, server.url);
			await browserContext.addInitScript({ content: PAGE_SCRIPT });
			const page = await browserContext.newPage();
			await openApp(page);
			const id = await startConversation(page, 'Larkspur');
			await page.goto(`/conversations/${id}/areas/1`);
			await waitForFirstQuestion(page);
			await settle(page);
			await browserContext.setOffline(true);
			await page.waitForTimeout(500);
			context.log(`conversation ${id}, area 1, offline; ${WARM_UP} warm-up changes`);

			for (let i = 0; i < WARM_UP; i++) await runRound(page, i);
			const rounds: Array<Round & { kind: 'radio' | 'notes' }> = [];
			for (let i = 0; i < times; i++) {
				rounds.push(await runRound(page, WARM_UP + i));
				if ((i + 1) % (context.quick ? 25 : 100) === 0) {
					const last = spread(rounds.map((round) => round.commit));
					const base = spread(rounds.map((round) => round.baseline));
					context.log(
						`${i + 1}/${times} changes: commit median ${last.median.toFixed(2)} ms, p95 ${last.p95.toFixed(2)} ms; bare put ${base.median.toFixed(2)} / ${base.p95.toFixed(2)} ms`
					);
				}
			}
			await browserContext.close();
			return figuresFrom(rounds);
		} finally {
			await browser.close();
			await server.stop();
		}
	}
};

function figuresFrom(rounds: Array<Round & { kind: 'radio' | 'notes' }>): Figure[] {
	const bytes = (list: Round[]) =>
		Math.round(list.reduce((sum, round) => sum + round.bytes, 0) / list.length);
	const baselineOf = (list: Round[]) => ({
		label: `Bare IndexedDB put of an outbox-sized record (~${bytes(list)} B JSON), strict durability`,
		...spread(list.map((round) => round.baseline))
	});
	const radios = rounds.filter((round) => round.kind === 'radio');
	const notes = rounds.filter((round) => round.kind === 'notes');

	const all = spread(rounds.map((round) => round.commit));
	const before = spread(rounds.map((round) => round.beforeTransaction));
	const base = baselineOf(rounds);
	const met = all.p95 <= 10 && all.p95 <= 2 * base.p95;
	return [
		compared(
			{
				key: 'commit',
				label: 'Change an answer until its IndexedDB transaction committed',
				unit: 'ms',
				measured: all,
				target: {
					text: `p95 ≤ 10 ms and ≤ 2× the baseline p95 (2× = ${(2 * base.p95).toFixed(2)} ms)`,
					met
				},
				note: `Offline; in-page clock from the change event to the complete event of the transaction adding the outbox entry; radio choices and notes (blur flush, no debounce) alternate; of it, before the transaction opened: median ${before.median.toFixed(2)} ms, p95 ${before.p95.toFixed(2)} ms`
			},
			base
		),
		compared(
			{
				key: 'commitChoice',
				label: 'Choose a radio until committed',
				unit: 'ms',
				measured: spread(radios.map((round) => round.commit))
			},
			baselineOf(radios)
		),
		compared(
			{
				key: 'commitNotes',
				label: 'Notes changed (input, then blur) until committed',
				unit: 'ms',
				measured: spread(notes.map((round) => round.commit))
			},
			baselineOf(notes)
		),
		compared(
			{
				key: 'saved',
				label: 'Change an answer until the page says "Saved on this device"',
				unit: 'ms',
				measured: spread(rounds.map((round) => round.saved)),
				note: 'The data-state of the save status turning to saved after the commit (Svelte update included)'
			},
			base
		)
	];
}
