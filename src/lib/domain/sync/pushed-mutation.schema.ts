import { z } from 'zod';
import { baseVersionSchema } from '../conversation/mutation.schema';

/** Deeper `args` cannot be a real change; refusing them keeps the server's stack safe. */
const MAX_ARGS_DEPTH = 16;

function depthWithin(value: unknown, limit: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (depth > limit) return false;
		if (current && typeof current === 'object') {
			for (const child of Object.values(current)) stack.push([child, depth + 1]);
		}
	}
	return true;
}

/**
 * A queued change as uploaded. `name`, `argsVersion`, `args` and the year of `clientTime` are
 * checked one change at a time on the server, so one bad change is refused on its own and the
 * rest of the queue goes on.
 */
export const pushedMutationSchema = z.object({
	seq: z
		.number()
		.int()
		.positive()
		.meta({ description: "The device's change number: 1, 2, 3, … with no gaps." }),
	mutationId: z.uuid().meta({ description: 'Unique everywhere; the server stores it once.' }),
	clientTime: z.iso.datetime().meta({
		description:
			"The device's clock when the change was made. A time outside the years 1900 to 2999 refuses the change (INVALID_ARGS)."
	}),
	baseVersion: baseVersionSchema.optional(),
	name: z.string().min(1).max(100).meta({ description: 'Which change this is.' }),
	argsVersion: z
		.number()
		.int()
		.positive()
		.meta({ description: 'The version of the shape of `args` for this name.' }),
	args: z
		.record(z.string(), z.unknown())
		.refine((args) => depthWithin(args, MAX_ARGS_DEPTH), 'The change is nested too deeply')
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;
