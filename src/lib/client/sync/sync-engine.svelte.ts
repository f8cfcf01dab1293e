/**
 * Runs sync for one person on this device. Every tab makes an engine, but only the tab holding
 * the Web Lock `esf-sync:<userId>` sends: one sender per device, so uploads never race. The other
 * tabs pass their requests to it over a BroadcastChannel and show the state it broadcasts.
 *
 * The sender syncs at start, when the device comes online, when a tab becomes visible, about a
 * second after each change, every 30 s while a tab is visible and on "Sync now". After a failure
 * it always sets a timer to try again, waiting longer each time (backoff with jitter), except
 * when the person must sign in or update the app: then it waits for them.
 */
import { watchPendingChanges } from '../db/conversations.repo';
import type { ConversationDb } from '../db/db';
import { retryDelayMs } from './backoff';
import { downloadDirectory, type Progress } from './download-directory';
import { runSyncCycle } from './sync-cycle';
import { httpTransport, type SyncFailure, type SyncTransport } from './transport';

export type SyncPhase = 'starting' | 'syncing' | 'synced' | SyncFailure['kind'];
export type SyncState = {
	phase: SyncPhase;
	message: string;
	lastSyncAt: string | null;
	retryAt: number | null;
	/** A long download under way, such as the first directory of the region. */
	progress: (Progress & { what: string }) | null;
	/** Trying again after a failure: the failure still stands until the attempt succeeds. */
	retrying: boolean;
};

type ChannelMessage = { type: 'request' } | { type: 'hello' } | { type: 'state'; state: SyncState };

const CHANGE_DELAY_MS = 1_000;
const OFFLINE = {
	phase: 'unreachable',
	message: 'No connection. Changes are saved on this device.'
} as const;
const VISIBLE_INTERVAL_MS = 30_000;

export class SyncEngine {
	state = $state<SyncState>({
		phase: 'starting',
		message: '',
		lastSyncAt: null,
		retryAt: null,
		progress: null,
		retrying: false
	});
	#leader = false;
	#running = false;
	#again = false;
	#failures = 0;
	#stopped = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#dueAt = Infinity;
	#stops: Array<() => void> = [];
	readonly #channel: BroadcastChannel | null;

	constructor(
		private readonly db: ConversationDb,
		private readonly userId: string,
		private readonly options: {
			appVersion: string;
			region: string | null;
			transport?: SyncTransport;
		}
	) {
		this.#channel =
			typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`esf-sync:${userId}`);
	}

	start(): () => void {
		const stored = this.db.meta.get('lastSyncAt').then((row) => {
			if (typeof row?.value === 'string' && !this.state.lastSyncAt) {
				this.state = { ...this.state, lastSyncAt: row.value };
			}
		});
		void stored;
		this.#listen();
		this.#becomeLeaderWhenFree();
		return () => this.stop();
	}

	/** "Sync now": the sender tries at once, whatever it was waiting for. */
	syncNow(): void {
		if (this.#leader) this.#schedule(0, true);
		else this.#post({ type: 'request' });
	}

	stop(): void {
		this.#stopped = true;
		this.#leader = false;
		for (const stop of this.#stops.splice(0)) stop();
		clearTimeout(this.#timer);
		this.#channel?.close();
	}

	#listen() {
		const on = <K extends keyof WindowEventMap>(
			name: K,
			handler: () => void,
			target: EventTarget = window
		) => {
			target.addEventListener(name, handler);
			this.#stops.push(() => target.removeEventListener(name, handler));
		};
		const request = () => (this.#leader ? this.#schedule(0) : this.#post({ type: 'request' }));
		on('online', request);
		on('offline', () => this.#leader && this.#showOffline());
		on(
			'visibilitychange' as keyof WindowEventMap,
			() => document.visibilityState === 'visible' && request(),
			document
		);
		const interval = setInterval(
			() => document.visibilityState === 'visible' && request(),
			VISIBLE_INTERVAL_MS
		);
		this.#stops.push(() => clearInterval(interval));
		if (this.#channel) {
			this.#channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
				const message = event.data;
				if (message.type === 'state' && !this.#leader) this.state = message.state;
				if (message.type === 'hello' && this.#leader) {
					this.#post({ type: 'state', state: this.state });
				}
				if (message.type === 'request' && this.#leader) this.#schedule(0, true);
			};
			this.#post({ type: 'hello' });
		}
	}

	#becomeLeaderWhenFree() {
		const abort = new AbortController();
		this.#stops.push(() => abort.abort());
		const lead = () =>
			new Promise<void>((release) => {
				this.#leader = true;
				this.#stops.push(release);
				this.#watchOutbox();
				this.#schedule(0);
			});
		if (!('locks' in navigator)) {
			void lead();
			return;
		}
		navigator.locks
			.request(`esf-sync:${this.userId}`, { signal: abort.signal }, lead)
			.catch(() => undefined);
	}

	/** Any change committed to the outbox, from any tab, is sent about a second later. */
	#watchOutbox() {
		let last = -1;
		const stop = watchPendingChanges(this.db, (pending) => {
			if (pending > last && last !== -1) this.#schedule(CHANGE_DELAY_MS);
			last = pending;
		});
		this.#stops.push(stop);
	}

	#schedule(delayMs: number, force = false) {
		// Signed out or out of date: only "Sync now" tries again until the page is reloaded.
		const paused = this.state.phase === 'signed-out' || this.state.phase === 'update-needed';
		if (this.#stopped || (paused && !force)) return;
		const dueAt = Date.now() + delayMs;
		if (this.#timer !== undefined && this.#dueAt <= dueAt) return;
		clearTimeout(this.#timer);
		this.#dueAt = dueAt;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#dueAt = Infinity;
			void this.#run();
		}, delayMs);
	}

	async #run() {
		if (this.#running) {
			this.#again = true;
			return;
		}
		// With no connection at all nothing is tried: the 'online' event starts the next attempt.
		if (!navigator.onLine) {
			this.#showOffline();
			return;
		}
		this.#running = true;
		// A retry leaves the failure on screen until it succeeds, so the status never flickers.
		const failing = !['starting', 'syncing', 'synced'].includes(this.state.phase);
		this.#setState(
			failing
				? { ...this.state, retryAt: null, retrying: true }
				: { ...this.state, phase: 'syncing', message: '', retryAt: null }
		);
		try {
			const report = await runSyncCycle(this.db, this.options.transport ?? httpTransport(), {
				appVersion: this.options.appVersion,
				userId: this.userId
			}).catch((error: unknown): Awaited<ReturnType<typeof runSyncCycle>> => ({
				ok: false,
				uploaded: 0,
				downloaded: 0,
				failure: {
					kind: 'unreachable',
					message: error instanceof Error ? error.message : 'Sync failed.'
				}
			}));
			// The directory is a convenience: failing to refresh it does not fail the sync.
			const directory = report.ok ? await this.#downloadDirectory() : null;
			if (directory && !directory.ok && directory.failure.kind === 'signed-out') {
				this.#failed(directory.failure);
			} else if (report.ok) {
				this.#failures = 0;
				this.#setState({
					phase: 'synced',
					message: '',
					lastSyncAt: report.at,
					retryAt: null,
					progress: null,
					retrying: false
				});
			} else {
				this.#failed(report.failure);
			}
		} finally {
			this.#running = false;
			if (this.#again) {
				this.#again = false;
				this.#schedule(0);
			}
		}
	}

	async #downloadDirectory() {
		if (!this.options.region) return null;
		let shown = 0;
		const result = await downloadDirectory(this.db, this.options.region, {
			onProgress: ({ done, total }) => {
				// Only long downloads show progress, and not more often than every few hundred rows.
				if (total < 2_000 || done - shown < 500) return;
				shown = done;
				this.#setState({ ...this.state, progress: { what: 'locations', done, total } });
			}
		}).catch((error: unknown) => ({
			ok: false as const,
			failure: {
				kind: 'unreachable' as const,
				message: error instanceof Error ? error.message : 'The directory could not be saved.'
			}
		}));
		if (this.state.progress) this.#setState({ ...this.state, progress: null });
		return result;
	}

	#failed(failure: SyncFailure) {
		if (failure.kind === 'signed-out' || failure.kind === 'update-needed') {
			this.#setState({
				...this.state,
				phase: failure.kind,
				message: failure.message,
				retryAt: null,
				retrying: false
			});
			return;
		}
		this.#failures += 1;
		const delay = retryDelayMs(this.#failures);
		this.#setState({
			...this.state,
			phase: failure.kind,
			message: failure.message,
			retryAt: Date.now() + delay,
			retrying: false
		});
		this.#schedule(delay);
	}

	/** Offline says so, except where the person must first sign in or update the app. */
	#showOffline() {
		if (this.state.phase === 'signed-out' || this.state.phase === 'update-needed') return;
		this.#setState({ ...this.state, ...OFFLINE, retryAt: null, retrying: false });
	}

	#setState(state: SyncState) {
		this.state = state;
		this.#post({ type: 'state', state });
	}

	#post(message: ChannelMessage) {
		if (!this.#stopped) this.#channel?.postMessage($state.snapshot(message));
	}
}

let running: { userId: string; engine: SyncEngine } | null = null;

/** The page's one engine for this person, started on first use. */
export function syncEngineFor(
	db: ConversationDb,
	user: { id: string; region: string | null },
	appVersion: string
): SyncEngine {
	const userId = user.id;
	if (running?.userId === userId) return running.engine;
	running?.engine.stop();
	const engine = new SyncEngine(db, userId, { appVersion, region: user.region });
	engine.start();
	running = { userId, engine };
	return engine;
}

/** The engine the page already runs, for parts of a page that show its state; null before. */
export const runningSyncEngine = (): SyncEngine | null => running?.engine ?? null;
