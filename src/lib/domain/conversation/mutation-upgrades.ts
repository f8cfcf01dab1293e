/**
 * Queued changes outlive app versions: a device may hold, or upload, a change in the shape an
 * older app built it. Each step here turns one args version of a name into the next, so every
 * reader (the server, the device's outbox upgrade, a replayed typing journal) works on the
 * current shape only. Steps are only ever appended; a version with no step up to the current
 * one is refused by the server as UNSUPPORTED_ARGS_VERSION.
 */
import type { MutationName } from './mutation.schema';

/** A change as stored or sent, before its args are checked: the envelope's fields stay as they are. */
export type ChangeInAnyShape = {
	name: string;
	argsVersion: number;
	args: Record<string, unknown>;
	baseVersion?: unknown;
};

type Step = (change: ChangeInAnyShape) => ChangeInAnyShape;

/** Version 1 of the answer changes carried baseVersion inside args; version 2 in the envelope. */
const baseVersionToEnvelope: Step = (change) => {
	const { baseVersion, ...args } = change.args;
	return { ...change, argsVersion: 2, args, baseVersion: change.baseVersion ?? baseVersion };
};

const STEPS: Partial<Record<MutationName, Record<number, Step>>> = {
	'answer.set': { 1: baseVersionToEnvelope },
	'answer.clear': { 1: baseVersionToEnvelope },
	'answer.amend': { 1: baseVersionToEnvelope }
};

/** `change` in the newest shape its steps reach; unchanged when none applies. */
export function upgradeChange<T extends ChangeInAnyShape>(change: T): T {
	let current: ChangeInAnyShape = change;
	for (;;) {
		const steps = Object.hasOwn(STEPS, current.name) ? STEPS[current.name as MutationName] : {};
		const step = Object.hasOwn(steps!, current.argsVersion)
			? steps![current.argsVersion]
			: undefined;
		if (!step) return current as T;
		current = step(current);
	}
}
