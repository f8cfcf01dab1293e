/**
 * Whether this conversation is open in another tab of this browser. Two tabs editing the same
 * fields would each save their own copy over the other's, so the inspector is warned.
 */
type Message = { type: 'hello' | 'here' | 'bye'; conversationId: string; tab: string };

export class OpenElsewhere {
	#others = $state<string[]>([]);

	constructor(conversationId: string) {
		$effect(() => {
			if (typeof BroadcastChannel === 'undefined') return;
			const tab = crypto.randomUUID();
			const channel = new BroadcastChannel('esf-open-conversations');
			const send = (type: Message['type']) =>
				channel.postMessage({ type, conversationId, tab } satisfies Message);
			channel.onmessage = ({ data }: MessageEvent<Message>) => {
				if (data.conversationId !== conversationId || data.tab === tab) return;
				if (data.type === 'bye') this.#others = this.#others.filter((other) => other !== data.tab);
				else if (!this.#others.includes(data.tab)) this.#others = [...this.#others, data.tab];
				if (data.type === 'hello') send('here');
			};
			const leave = () => send('bye');
			window.addEventListener('pagehide', leave);
			send('hello');
			return () => {
				leave();
				window.removeEventListener('pagehide', leave);
				channel.close();
			};
		});
	}

	get current(): boolean {
		return this.#others.length > 0;
	}
}
