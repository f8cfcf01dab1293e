/**
 * The app as `npm start` serves it, for the parts that measure it from outside: built once if
 * `build/` is missing, served on a free port with an embedded database of its own in a temporary
 * folder (or PostgreSQL at `databaseUrl`), and stopped afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseLocation } from '$lib/server/db/database';

export type AppServer = {
	url: string;
	pid: number;
	stop: () => Promise<void>;
	peakRssMb: () => number;
};

export function ensureBuilt(): void {
	if (existsSync('build/index.js')) return;
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('The app did not build');
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject()
			);
		});
	});
}

/** `prepare` runs on the server's database before the server opens it (it locks an embedded one). */
export async function startAppServer(
	options: { databaseUrl?: string; prepare?: (location: DatabaseLocation) => Promise<void> } = {}
): Promise<AppServer> {
	ensureBuilt();
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'esf-bench-'));
	await options.prepare?.(options.databaseUrl ? { url: options.databaseUrl } : { dataDir });
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
	if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
	else delete env.DATABASE_URL;
	const child = spawn('node', ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://localhost:${port}`;
	for (let tries = 0; ; tries++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (tries > 600 || child.exitCode !== null) throw new Error('The app server did not start');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		url,
		pid: child.pid!,
		/** The server process's peak resident memory so far (Linux VmHWM), in MB. */
		peakRssMb: () => {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
			return kb / 1024;
		},
		stop: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
