/**
 * The figures of one case of the server-load part, with the targets the part is held to: on
 * PostgreSQL at least 1,000 changes a second and a p99 push of at most 1 s for 50 people, no
 * failed push anywhere, and on the embedded database an /api/health p99 of at most 200 ms.
 */
import { compared, spread, type Figure, type Spread } from './figures';

export type Round = {
	prefix: string;
	name: string;
	kind: 'pglite' | 'postgres';
	databaseUrl?: string;
};

export type Phase = {
	seconds: number;
	devices: number;
	/** Latencies of the pushes answered 200, in ms. */
	latencies: number[];
	/** Latencies of /api/health asked every 100 ms meanwhile, in ms. */
	health: number[];
	/** Changes acknowledged as applied in each whole second of the phase. */
	perSecond: number[];
	changes: number;
	requests: number;
	errors: Map<string, number>;
	/** When each failed push had been sent and how long it took to fail, in s from the phase start. */
	failures: Array<{ sentAt: number; after: number }>;
	/** Pushes answered 200 for each device. */
	perDevice: Map<string, number>;
	/** The highest VmRSS of the server sampled with each health request, in MB. */
	rssMaxMb: number;
};

/** p99 as a figure's spread: the Figure type has median and p95 only, so both hold the p99. */
function p99(samples: number[]): Spread {
	const sorted = [...samples].sort((a, b) => a - b);
	const value = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? 0;
	return { median: value, p95: value, n: sorted.length };
}

function failedWhen(phase: Phase): string {
	if (phase.failures.length === 0) return '';
	const range = (values: number[]) =>
		`${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} s`;
	return `; the failed pushes were sent ${range(phase.failures.map((f) => f.sentAt))} into the run and failed after ${range(phase.failures.map((f) => f.after))}`;
}

const single = (value: number): Spread => ({ median: value, p95: value, n: 1 });

export function caseFigures(input: {
	round: Round;
	key: string;
	where: string;
	batch: number;
	loaded: Phase;
	unloaded: Phase;
}): Figure[] {
	const { round, key, batch, loaded, unloaded } = input;
	const where = `${round.name}, ${input.where}`;
	const strict = round.kind === 'postgres' && key === 'people';
	const average = loaded.changes / loaded.seconds;
	const errors = [...loaded.errors.values()].reduce((sum, n) => sum + n, 0);
	const errorKinds = [...loaded.errors].map(([kind, n]) => `${kind} ×${n}`).join(', ');
	const perDevice = [...loaded.perDevice.values()];
	const latencyNote = `${loaded.latencies.length} pushes of ${batch} answer.set changes from ${loaded.devices} devices over ${loaded.seconds} s; slowest ${Math.round(Math.max(...loaded.latencies))} ms; pushes answered per device from ${Math.min(...perDevice)} to ${Math.max(...perDevice)}; baseline: ${unloaded.latencies.length} pushes from 1 device alone over ${unloaded.seconds} s`;
	const healthP99 = p99(loaded.health);
	const prefix = `${round.prefix}${key}.`;
	return [
		compared(
			{
				key: `${prefix}throughput`,
				label: `Changes applied per second, ${where}`,
				unit: 'changes/s',
				measured: spread(loaded.perSecond),
				target: strict ? { text: '≥ 1,000 changes/s (average)', met: average >= 1000 } : undefined,
				note: `median and p95 over the ${loaded.seconds} one-second buckets of changes acknowledged as applied; ${loaded.changes} in all, ${Math.round(average)}/s on average; baseline: 1 device pushing alone`
			},
			{ label: `1 device alone, ${batch} changes a push`, ...spread(unloaded.perSecond) }
		),
		compared(
			{
				key: `${prefix}latencyP50`,
				label: `Push latency, ${where}`,
				unit: 'ms',
				measured: spread(loaded.latencies),
				note: `median is the p50; ${latencyNote}`
			},
			{ label: '1 device alone', ...spread(unloaded.latencies) }
		),
		compared(
			{
				key: `${prefix}latencyP99`,
				label: `Push latency p99, ${where}`,
				unit: 'ms',
				measured: p99(loaded.latencies),
				target: strict
					? { text: '≤ 1,000 ms', met: p99(loaded.latencies).median <= 1000 }
					: undefined,
				note: `both columns hold the p99 (nearest rank); ${latencyNote}`
			},
			{ label: '1 device alone, p99', ...p99(unloaded.latencies) }
		),
		{
			key: `${prefix}errors`,
			label: `Failed requests, ${where}`,
			unit: 'errors',
			measured: single(errors),
			target: { text: '0 errors', met: errors === 0 },
			note: `of ${loaded.requests} pushes and ${loaded.health.length} health checks: not 200, a network failure, or a change not applied${errors ? ` (${errorKinds})` : ''}; a failed batch is sent again after 200 ms${failedWhen(loaded)}`
		},
		compared(
			{
				key: `${prefix}peakRss`,
				label: `Peak server memory, ${where}`,
				unit: 'MB',
				measured: single(Math.round(loaded.rssMaxMb)),
				note: 'the highest VmRSS of the server process, sampled every 100 ms during the case'
			},
			{ label: 'the same during the 1-device run', ...single(Math.round(unloaded.rssMaxMb)) }
		),
		compared(
			{
				key: `${prefix}healthP99`,
				label: `/api/health p99, ${where}`,
				unit: 'ms',
				measured: healthP99,
				target:
					round.kind === 'pglite' ? { text: '≤ 200 ms', met: healthP99.median <= 200 } : undefined,
				note: `both columns hold the p99 (nearest rank) of ${loaded.health.length} GET /api/health, one every 100 ms after the last answered, during the case`
			},
			{ label: 'during the 1-device run, p99', ...p99(unloaded.health) }
		)
	];
}
