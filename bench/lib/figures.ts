/**
 * What every benchmark part reports: figures measured many times, each beside a baseline measured
 * in the same run on the same machine, because the machines are shared and noisy and only the
 * ratio travels between runs.
 */
export type Spread = { median: number; p95: number; n: number };

export type Figure = {
	/** Stable key within its part, such as "p95" or "postgres". */
	key: string;
	label: string;
	unit: string;
	measured: Spread;
	/** The same work at its simplest, measured in the same run; absent where there is none. */
	baseline?: { label: string } & Spread;
	/** measured.median / baseline.median. */
	ratio?: number;
	/** The target we hold ourselves to, in words, and whether this run met it. */
	target?: { text: string; met: boolean };
	note?: string;
};

export type PartReport = { key: PartKey; title: string; figures: Figure[]; seconds: number };

export const PART_KEYS = [
	'autosave',
	'killDurability',
	'offlineColdStart',
	'bytes',
	'syncPush',
	'serverLoad',
	'reviewQueries',
	'directory'
] as const;
export type PartKey = (typeof PART_KEYS)[number];

export type BenchContext = {
	/** PostgreSQL for parts that measure it; undefined when none is reachable. */
	postgresUrl: string | undefined;
	/** Fewer repetitions, for trying a part quickly (`npm run bench -- --quick`). */
	quick: boolean;
	log: (line: string) => void;
};

export type Part = {
	key: PartKey;
	title: string;
	run: (context: BenchContext) => Promise<Figure[]>;
};

/** The median and 95th percentile (nearest rank) of some samples. */
export function spread(samples: readonly number[]): Spread {
	if (samples.length === 0) throw new Error('No samples to summarise');
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = (p: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
	const middle = sorted.length / 2;
	const median =
		sorted.length % 2 === 1
			? sorted[Math.floor(middle)]!
			: (sorted[middle - 1]! + sorted[middle]!) / 2;
	return { median, p95: rank(0.95), n: sorted.length };
}

/** A figure with its baseline and ratio filled in. */
export function compared(
	figure: Omit<Figure, 'baseline' | 'ratio'>,
	baseline: { label: string } & Spread
): Figure {
	return {
		...figure,
		baseline,
		ratio: baseline.median > 0 ? figure.measured.median / baseline.median : undefined
	};
}

/** Runs `work` `times` times and returns each duration in milliseconds. */
export async function timed(times: number, work: (i: number) => Promise<unknown> | unknown) {
	const samples: number[] = [];
	for (let i = 0; i < times; i++) {
		const start = performance.now();
		await work(i);
		samples.push(performance.now() - start);
	}
	return samples;
}
