/** Wait before the next try after `failures` failures in a row: doubling, capped, with jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
	const base = Math.min(1_000 * 2 ** Math.max(0, failures - 1), 5 * 60_000);
	return Math.round(base * (0.5 + random()));
}
