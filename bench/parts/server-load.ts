/**
 * Server under load: the built app as `npm start` serves it (embedded PGlite), and a second time
 * on a fresh PostgreSQL database when one is reachable, with 50 simulated devices uploading at
 * once. Every device must belong to a signed-in person, so the 50 share the demo inspector's one
 * session (one sign-in, one cookie), each with its own deviceId and its own conversation. Each
 * device loops: 20 answer.set changes with the next seqs, POST /api/sync/push, check 200 and
 * every change applied, record the latency. The baseline is the same push from 1 device alone.
 */
import { readFileSync } from 'node:fs';
import { uuidv7 } from '$lib/domain/ids';
import type { PushedMutation } from '$lib/domain/sync/sync-protocol.schema';
import { startMutation } from '$lib/testing/factories';
import { startAppServer, type AppServer } from '../lib/app-server';
import {
	compared,
	spread,
	type BenchContext,
	type Figure,
	type Part,
	type Spread
} from '../lib/figures';
import {
	editChange,
	logFigures,
	notAllApplied,
	pushOverHttp,
	pushRequest,
	queued,
	scratchPostgres,
	signInOverHttp,
	sleep,
	type HttpSession
} from '../lib/sync-load';

const DEVICES = 50;
const BATCH = 20;
const UNLOADED_SECONDS = 5;
const WARM_UP_SECONDS = 1;
/** After an error a device waits this long and sends the same batch again, as a device retries. */
const RETRY_PAUSE_MS = 200;

type Device = { deviceId: string; conversationId: string; nextSeq: number; edits: number };

type Phase = {
	seconds: number;
	/** Latencies of the pushes answered 200, in ms. */
	latencies: number[];
	/** Changes acknowledged as applied in each whole second of the phase. */
	perSecond: number[];
	changes: number;
	requests: number;
	errors: Map<string, number>;
	/** When each failed push had been sent and how long it took to fail, in s from the phase start. */
	failures: Array<{ sentAt: number; after: number }>;
	/** Pushes answered 200 for each device. */
	perDevice: Map<string, number>;
};

/** Registers the device and starts its conversation (not measured). */
async function setUpDevice(server: AppServer, session: HttpSession): Promise<Device> {
	const device = { deviceId: uuidv7(), conversationId: '', nextSeq: 1, edits: 0 };
	const start = startMutation();
	device.conversationId = start.args.conversationId;
	const batch = [queued(start, device.nextSeq)];
	const outcome = await pushOverHttp(
		server.url,
		session,
		pushRequest(session.userId, device.deviceId, batch)
	);
	if (!outcome.ok) throw new Error(`Setting up a device failed: ${outcome.error}`);
	const problem = notAllApplied(batch, outcome.response);
	if (problem) throw new Error(`Setting up a device failed: ${problem}`);
	device.nextSeq++;
	return device;
}

function nextBatch(device: Device): PushedMutation[] {
	const batch: PushedMutation[] = [];
	for (let i = 0; i < BATCH; i++) {
		batch.push(queued(editChange(device.conversationId, device.edits++), device.nextSeq++));
	}
	return batch;
}

/** Runs `devices` each in its own loop, pushing until `seconds` have passed. */
async function runPhase(
	server: AppServer,
	session: HttpSession,
	devices: Device[],
	seconds: number
): Promise<Phase> {
	const phase: Phase = {
		seconds,
		latencies: [],
		perSecond: Array.from({ length: seconds }, () => 0),
		changes: 0,
		requests: 0,
		errors: new Map(),
		failures: [],
		perDevice: new Map(devices.map((device) => [device.deviceId, 0]))
	};
	const started = performance.now();
	const deadline = started + seconds * 1000;
	const fail = (kind: string) => phase.errors.set(kind, (phase.errors.get(kind) ?? 0) + 1);
	async function loop(device: Device) {
		let batch: PushedMutation[] | undefined;
		while (performance.now() < deadline) {
			batch ??= nextBatch(device);
			const sent = performance.now();
			const outcome = await pushOverHttp(
				server.url,
				session,
				pushRequest(session.userId, device.deviceId, batch)
			);
			const answered = performance.now();
			phase.requests++;
			if (!outcome.ok) {
				fail(outcome.error);
				phase.failures.push({ sentAt: (sent - started) / 1000, after: (answered - sent) / 1000 });
				await sleep(RETRY_PAUSE_MS);
				continue;
			}
			phase.latencies.push(answered - sent);
			phase.perDevice.set(device.deviceId, phase.perDevice.get(device.deviceId)! + 1);
			const problem = notAllApplied(batch, outcome.response);
			if (problem) fail(`not applied: ${problem}`);
			if (outcome.response.lastSeq < batch[batch.length - 1]!.seq) {
				await sleep(RETRY_PAUSE_MS);
				continue;
			}
			const second = Math.floor((answered - started) / 1000);
			if (second < seconds) {
				phase.perSecond[second]! += batch.length;
				phase.changes += batch.length;
			}
			batch = undefined;
		}
	}
	await Promise.all(devices.map(loop));
	return phase;
}

/** The server's resident memory now (VmRSS), in MB. */
function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** p99 as a figure's spread: the Figure type has median and p95 only, so both hold the p99. */
function p99(samples: number[]): Spread {
	const sorted = [...samples].sort((a, b) => a - b);
	const value = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
	return { median: value, p95: value, n: sorted.length };
}

/** When the failed pushes were sent and how long they took to fail, for the errors note. */
function failedWhen(phase: Phase): string {
	if (phase.failures.length === 0) return '';
	const sent = phase.failures.map((failure) => failure.sentAt);
	const after = phase.failures.map((failure) => failure.after);
	const range = (values: number[]) =>
		`${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} s`;
	return `; the failed pushes were sent ${range(sent)} into the run and failed after ${range(after)}`;
}

const single = (value: number): Spread => ({ median: value, p95: value, n: 1 });
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * startAppServer passes this process's environment on; with DATABASE_URL the server adds the demo
 * accounts only when SEED_DEMO=1 (README), so it is set while the server starts.
 */
async function startWithDemoAccounts(databaseUrl: string | undefined): Promise<AppServer> {
	const before = process.env.SEED_DEMO;
	process.env.SEED_DEMO = '1';
	try {
		return await startAppServer({ databaseUrl });
	} finally {
		if (before === undefined) delete process.env.SEED_DEMO;
		else process.env.SEED_DEMO = before;
	}
}

async function measureRound(
	context: BenchContext,
	round: { prefix: string; name: string; databaseUrl?: string }
): Promise<Figure[]> {
	const loadedSeconds = context.quick ? 10 : 30;
	const server = await startWithDemoAccounts(round.databaseUrl);
	try {
		const session = await signInOverHttp(server.url);
		const alone = await setUpDevice(server, session);
		const devices: Device[] = [];
		for (let i = 0; i < DEVICES; i++) devices.push(await setUpDevice(server, session));
		await runPhase(server, session, [alone], WARM_UP_SECONDS);
		const unloaded = await runPhase(server, session, [alone], UNLOADED_SECONDS);
		const idlePeak = server.peakRssMb();
		context.log(
			`${round.name}: 1 device, ${unloaded.requests} pushes in ${UNLOADED_SECONDS} s, p50 ${spread(unloaded.latencies).median.toFixed(1)} ms`
		);
		let rssMax = 0;
		const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(server.pid))), 250);
		let loaded: Phase;
		try {
			loaded = await runPhase(server, session, devices, loadedSeconds);
		} finally {
			clearInterval(sampler);
		}
		const peak = server.peakRssMb();
		const errors = [...loaded.errors.values()].reduce((sum, n) => sum + n, 0);
		const errorKinds = [...loaded.errors].map(([kind, n]) => `${kind} ×${n}`).join(', ');
		context.log(
			`${round.name}: ${DEVICES} devices, ${loaded.requests} pushes in ${loadedSeconds} s, ${loaded.changes} changes, ${errors} errors${errors ? ` (${errorKinds})` : ''}, peak ${peak.toFixed(0)} MB`
		);
		if (loaded.latencies.length === 0) {
			throw new Error(`No push succeeded under load (${errorKinds})`);
		}
		const unloadedErrors = [...unloaded.errors].map(([kind, n]) => `${kind} ×${n}`).join(', ');
		const where = `${round.name}, ${DEVICES} devices sharing one session`;
		const slowest = Math.max(...loaded.latencies);
		const perDevice = [...loaded.perDevice.values()];
		const fairness = `slowest push ${Math.round(slowest)} ms; pushes answered per device from ${Math.min(...perDevice)} to ${Math.max(...perDevice)}`;
		const latencyNote = `${loaded.latencies.length} pushes of ${BATCH} answer.set changes over ${loadedSeconds} s; baseline: ${unloaded.latencies.length} pushes from 1 device alone over ${UNLOADED_SECONDS} s after a ${WARM_UP_SECONDS} s warm-up`;
		return [
			compared(
				{
					key: `${round.prefix}throughput`,
					label: `Changes applied per second, ${where}`,
					unit: 'changes/s',
					measured: spread(loaded.perSecond),
					note: `median and p95 over the ${loadedSeconds} one-second buckets of changes acknowledged as applied; ${loaded.changes} in all (${Math.round(loaded.changes / loadedSeconds)}/s on average); baseline: 1 device pushing alone, over ${UNLOADED_SECONDS} buckets; all devices write to one person's conversations, so every push waits for the same change-counter lock`
				},
				{ label: `1 device alone, ${BATCH} changes a push`, ...spread(unloaded.perSecond) }
			),
			compared(
				{
					key: `${round.prefix}latencyP50`,
					label: `Push latency, ${where}`,
					unit: 'ms',
					measured: spread(loaded.latencies),
					note: `median is the p50; ${latencyNote}`
				},
				{ label: '1 device alone', ...spread(unloaded.latencies) }
			),
			compared(
				{
					key: `${round.prefix}latencyP99`,
					label: `Push latency p99, ${where}`,
					unit: 'ms',
					measured: p99(loaded.latencies),
					note: `the Figure type has median and p95 only: both columns hold the p99 (nearest rank); ${fairness}; ${latencyNote}`
				},
				{ label: '1 device alone, p99', ...p99(unloaded.latencies) }
			),
			{
				key: `${round.prefix}errors`,
				label: `Failed pushes, ${where}`,
				unit: 'errors',
				measured: single(errors),
				target: { text: '0 errors', met: errors === 0 },
				note: `${errors} of ${loaded.requests} pushes: not 200, a network failure, or a change not applied${errors ? ` (${errorKinds})` : ''}; a failed batch is sent again after ${RETRY_PAUSE_MS} ms${failedWhen(loaded)}${unloadedErrors ? `; with 1 device: ${unloadedErrors}` : ''}`
			},
			compared(
				{
					key: `${round.prefix}peakRss`,
					label: `Peak server memory, ${where}`,
					unit: 'MB',
					measured: single(round1(peak)),
					note: `the server process's VmHWM after the loaded run (startup, demo seeding and sign-in included); the highest VmRSS sampled every 250 ms under load was ${rssMax.toFixed(0)} MB`
				},
				{ label: 'VmHWM after the 1-device run', ...single(round1(idlePeak)) }
			)
		];
	} finally {
		await server.stop();
	}
}

export const part: Part = {
	key: 'serverLoad',
	title: 'Server under load',
	run: async (context) => {
		const figures = await measureRound(context, { prefix: '', name: 'PGlite (embedded)' });
		if (!context.postgresUrl) {
			context.log('No PostgreSQL reachable: PostgreSQL round skipped.');
			logFigures(context.log, figures);
			return figures;
		}
		const scratch = await scratchPostgres(context.postgresUrl);
		try {
			figures.push(
				...(await measureRound(context, {
					prefix: 'postgres.',
					name: 'PostgreSQL',
					databaseUrl: scratch.url
				}))
			);
		} finally {
			await scratch.drop();
		}
		logFigures(context.log, figures);
		return figures;
	}
};
