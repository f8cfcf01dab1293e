import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type DatabaseKind = 'PGlite' | 'PostgreSQL';

const templates: Partial<Record<DatabaseKind, Promise<string>>> = {};
const makeTemplate = (kind: DatabaseKind) => ServerProcess.template(kind);

/** The databases the sync fault scenarios run on: PGlite always, PostgreSQL when CI gives one. */
export function databaseKinds(): DatabaseKind[] {
	return process.env.TEST_DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject()
			);
		});
	});
}

/**
 * A server of its own for one scenario: the built app (`npm start` built it for the journeys)
 * on a fresh embedded database or a fresh PostgreSQL database, with the demo accounts. It can be
 * killed with SIGKILL and started again on the same data.
 */
export class ServerProcess {
	#child: ChildProcess | null = null;
	#postgres: ReturnType<typeof postgres> | null = null;

	private constructor(
		readonly kind: DatabaseKind,
		readonly port: number,
		readonly dataDir: string,
		readonly databaseUrl: string | null,
		/** More settings for the server, such as ADDRESS_HEADER or ORIGIN. */
		readonly settings: NodeJS.ProcessEnv = {}
	) {}

	get baseURL() {
		return `http://localhost:${this.port}`;
	}

	/**
	 * Starts a server on a copy of a database that is migrated and seeded once per test worker,
	 * because migrating and seeding take seconds and every scenario needs the same start.
	 */
	static async start(kind: DatabaseKind, settings: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
		const template = await (templates[kind] ??= makeTemplate(kind));
		const server = await ServerProcess.#create(kind, template, settings);
		await server.restart();
		return server;
	}

	static async #create(
		kind: DatabaseKind,
		template: string | null,
		settings: NodeJS.ProcessEnv = {}
	): Promise<ServerProcess> {
		const dataDir = mkdtempSync(join(tmpdir(), 'esf-sync-'));
		let databaseUrl: string | null = null;
		if (kind === 'PostgreSQL') {
			const name = `esf_e2e_${crypto.randomUUID().replaceAll('-', '')}`;
			const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
			await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
			await admin.end();
			const url = new URL(process.env.TEST_DATABASE_URL!);
			url.pathname = `/${name}`;
			databaseUrl = url.toString();
		} else if (template) {
			cpSync(template, dataDir, { recursive: true });
		}
		return new ServerProcess(kind, await freePort(), dataDir, databaseUrl, settings);
	}

	/** A migrated, seeded database to copy: a folder for PGlite, a database name for PostgreSQL. */
	static async template(kind: DatabaseKind): Promise<string> {
		const server = await ServerProcess.#create(kind, null);
		await server.restart();
		await server.#stop('SIGTERM');
		return server.databaseUrl ? new URL(server.databaseUrl).pathname.slice(1) : server.dataDir;
	}

	async restart(): Promise<void> {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(this.port),
			SEED_DEMO: '1',
			...this.settings,
			...(this.databaseUrl ? { DATABASE_URL: this.databaseUrl } : { DATA_DIR: this.dataDir })
		};
		if (!this.databaseUrl) delete env.DATABASE_URL;
		const child = spawn(process.execPath, ['scripts/serve.js'], {
			env,
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let errors = '';
		child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		this.#child = child;
		// A first start migrates and seeds a new database: 10 s or more on a busy two-core machine,
		// and a worker may start two at once.
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) throw new Error(`The server stopped: ${errors}`);
			const ok = await fetch(`${this.baseURL}/api/health`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`The server did not start: ${errors}`);
	}

	/** Kills the server at once, as a power cut would. */
	async kill9(): Promise<void> {
		await this.#stop('SIGKILL');
	}

	async #stop(signal: NodeJS.Signals) {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill(signal);
		await exited;
		this.#child = null;
	}

	/**
	 * Runs a query on the server's database. An embedded database has one owner, so the server is
	 * stopped first (cleanly); call this at the end of a scenario.
	 */
	async query<T>(sql: string): Promise<T[]> {
		if (this.databaseUrl) {
			this.#postgres ??= postgres(this.databaseUrl, { max: 1, onnotice: () => undefined });
			return (await this.#postgres.unsafe(sql)) as unknown as T[];
		}
		await this.#stop('SIGTERM');
		const db = new PGlite(this.dataDir);
		try {
			return (await db.query<T>(sql)).rows;
		} finally {
			await db.close();
		}
	}

	async dispose(): Promise<void> {
		await this.#stop('SIGTERM');
		await this.#postgres?.end();
		if (this.databaseUrl) {
			const name = new URL(this.databaseUrl).pathname.slice(1);
			const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}
