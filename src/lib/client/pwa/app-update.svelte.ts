/**
 * Service-worker updates wait for the inspector: a new version is announced, and the page reloads
 * only after they choose to, so an update never interrupts typing. Another tab's choice does not
 * reload this one either.
 */
import type { Workbox } from 'workbox-window';

export class AppUpdate {
	#available = $state(false);
	#workbox: Workbox | undefined;
	#accepted = false;

	get available(): boolean {
		return this.#available;
	}

	async start(scriptUrl = '/service-worker.js'): Promise<void> {
		if (this.#workbox || !('serviceWorker' in navigator)) return;
		// Loaded here, in the browser, so pages rendered on the server never load it.
		const { Workbox } = await import('workbox-window');
		if (this.#workbox) return;
		// Registering another address of the same script would count as a new version and be
		// announced again, so the address of the version in control is kept.
		const controller = navigator.serviceWorker.controller?.scriptURL;
		const inControl = controller && new URL(controller).pathname === scriptUrl ? controller : null;
		const workbox = new Workbox(inControl ?? scriptUrl);
		workbox.addEventListener('waiting', () => (this.#available = true));
		workbox.addEventListener('controlling', (event) => {
			if (this.#accepted) window.location.reload();
			else if (event.isUpdate) this.#available = true;
		});
		this.#workbox = workbox;
		void workbox.register().catch(() => undefined);
	}

	/** Asks the server whether a newer service worker exists. */
	async check(): Promise<void> {
		await this.#workbox?.update().catch(() => undefined);
	}

	/** Runs `beforeReload` (to save what is being typed), then activates the new version and reloads. */
	async apply(beforeReload: () => Promise<void>): Promise<void> {
		await beforeReload();
		this.#accepted = true;
		const registration = await navigator.serviceWorker.getRegistration();
		if (registration?.waiting) this.#workbox?.messageSkipWaiting();
		else window.location.reload();
	}
}
