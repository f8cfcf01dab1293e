/**
 * Server under load: the built app as `npm start` serves it (embedded PGlite), and a second time
 * on a fresh PostgreSQL database when one is reachable. Two cases, one after the other on the same
 * server: 50 people with one device each (50 inspectors added as an administrator adds them, each
 * signed in), and 50 devices of one person (one session), each device with its own conversation.
 * Each device loops: 20 answer.set changes with the next seqs, POST /api/sync/push, check 200 and
 * every change applied, record the latency; meanwhile /api/health is asked every 100 ms from a
 * process of its own (bench/lib/health-probe.mjs). The
 * baseline is the same push from 1 device alone. BENCH_LOAD_SECONDS sets the length of a case.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { uuidv7, type ConversationId } from '$lib/domain/ids';
import type { PushedMutation } from '$lib/domain/sync/sync-protocol.schema';
import { startMutation } from '$lib/testing/factories';
import { startAppServer, type AppServer } from '../lib/app-server';
import { spread, type BenchContext, type Figure, type Part } from '../lib/figures';
import { addInspectors, loadInspector } from '../lib/load-accounts';
import { caseFigures, type Phase, type Round } from '../lib/load-figures';
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
const HEALTH_EVERY_MS = 100;
/** After an error a device waits this long and sends the same batch again, as a device retries. */
const RETRY_PAUSE_MS = 200;

type Device = {
	session: HttpSession;
	deviceId: string;
	conversationId: ConversationId;
	nextSeq: number;
	edits: number;
};

/** Registers the device and starts its conversation (not measured). */
async function setUpDevice(server: AppServer, session: HttpSession): Promise<Device> {
	const start = startMutation();
	const device = { session, deviceId: uuidv7(), conversationId: start.args.conversationId };
	const batch = [queued(start, 1)];
	const outcome = await pushOverHttp(
		server.url,
		session,
		pushRequest(session.userId, device.deviceId, batch)
	);
	if (!outcome.ok) throw new Error(`Setting up a device failed: ${outcome.error}`);
	const problem = notAllApplied(batch, outcome.response);
	if (problem) throw new Error(`Setting up a device failed: ${problem}`);
	return { ...device, nextSeq: 2, edits: 0 };
}

function nextBatch(device: Device): PushedMutation[] {
	return Array.from({ length: BATCH }, () =>
		queued(editChange(device.conversationId, device.edits++), device.nextSeq++)
	);
}

/** The server's resident memory now (VmRSS), in MB. */
function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Runs `devices` each in its own loop, pushing until `seconds` have passed. */
async function runPhase(server: AppServer, devices: Device[], seconds: number): Promise<Phase> {
	const phase: Phase = {
		seconds,
		devices: devices.length,
		latencies: [],
		health: [],
		perSecond: Array.from({ length: seconds }, () => 0),
		changes: 0,
		requests: 0,
		errors: new Map(),
		failures: [],
		perDevice: new Map(devices.map((device) => [device.deviceId, 0])),
		rssMaxMb: 0
	};
	const started = performance.now();
	const deadline = started + seconds * 1000;
	const fail = (kind: string) => phase.errors.set(kind, (phase.errors.get(kind) ?? 0) + 1);
	async function loop(device: Device) {
		let batch: PushedMutation[] | undefined;
		while (performance.now() < deadline) {
			batch ??= nextBatch(device);
			const sent = performance.now();
			const { session } = device;
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
	// Health is asked from a process of its own: this one is busy with 50 devices' requests.
	async function watch() {
		const probe = spawn(
			process.execPath,
			['bench/lib/health-probe.mjs', server.url, String(seconds), String(HEALTH_EVERY_MS)],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let output = '';
		probe.stdout.on('data', (chunk) => (output += chunk));
		const ended = new Promise((resolve) => probe.on('close', resolve));
		while (performance.now() < deadline) {
			phase.rssMaxMb = Math.max(phase.rssMaxMb, rssMb(server.pid));
			await sleep(HEALTH_EVERY_MS);
		}
		await ended;
		const { latencies, failures } = JSON.parse(output) as {
			latencies: number[];
			failures: string[];
		};
		phase.health.push(...latencies);
		for (const failure of failures) fail(failure);
	}
	await Promise.all([...devices.map(loop), watch()]);
	return phase;
}

async function measureRound(context: BenchContext, round: Round): Promise<Figure[]> {
	const fromEnv = Number(process.env.BENCH_LOAD_SECONDS);
	const seconds = fromEnv > 0 ? Math.round(fromEnv) : context.quick ? 10 : 30;
	const server = await startAppServer({
		databaseUrl: round.databaseUrl,
		prepare: addInspectors(DEVICES)
	});
	try {
		const sessions: HttpSession[] = [];
		for (let i = 0; i < DEVICES; i++) {
			sessions.push(await signInOverHttp(server.url, loadInspector(i)));
		}
		const alone = await setUpDevice(server, sessions[0]!);
		const people: Device[] = [];
		const oneTablet: Device[] = [];
		for (const session of sessions) people.push(await setUpDevice(server, session));
		for (let i = 0; i < DEVICES; i++) oneTablet.push(await setUpDevice(server, sessions[0]!));
		await runPhase(server, [alone], WARM_UP_SECONDS);
		const unloaded = await runPhase(server, [alone], UNLOADED_SECONDS);
		context.log(
			`${round.name}: 1 device, ${unloaded.requests} pushes in ${UNLOADED_SECONDS} s, p50 ${spread(unloaded.latencies).median.toFixed(1)} ms`
		);
		const figures: Figure[] = [];
		for (const [key, devices, where] of [
			['people', people, `${DEVICES} people with one device each`],
			['onePerson', oneTablet, `${DEVICES} devices of one person`]
		] as const) {
			const loaded = await runPhase(server, devices, seconds);
			const errors = [...loaded.errors.values()].reduce((sum, n) => sum + n, 0);
			context.log(
				`${round.name}, ${where}: ${loaded.requests} pushes in ${seconds} s, ${loaded.changes} changes, ${errors} errors, peak ${loaded.rssMaxMb.toFixed(0)} MB, health p99 ${Math.round(Math.max(0, ...loaded.health))} ms max`
			);
			if (loaded.latencies.length === 0) throw new Error(`No push succeeded under load, ${where}`);
			figures.push(...caseFigures({ round, key, where, batch: BATCH, loaded, unloaded }));
		}
		const peak = server.peakRssMb();
		context.log(`${round.name}: server VmHWM ${peak.toFixed(0)} MB`);
		return figures;
	} finally {
		await server.stop();
	}
}

export const part: Part = {
	key: 'serverLoad',
	title: 'Server under load',
	run: async (context) => {
		const figures = await measureRound(context, {
			prefix: '',
			name: 'PGlite (embedded)',
			kind: 'pglite'
		});
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
					kind: 'postgres',
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
