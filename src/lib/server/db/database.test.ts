import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases';
import { databaseAnswers, openDatabase } from './database';
import { DataFolderInUseError, lockDataFolder } from './data-folder-lock';
import { teams } from './schema';

describe.each(testDatabases())('database on $name', ({ open }) => {
	it('applies the committed migrations and answers', async () => {
		const handle = await open();
		try {
			expect(await databaseAnswers(handle.db)).toBe(true);
			const tables = await handle.db.execute<{ table_name: string }>(
				sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`
			);
			const names = ('rows' in tables ? tables.rows : tables).map((row) => row.table_name);
			expect(names).toEqual([
				'answer_history',
				'answers',
				'audit_log',
				'conversations',
				'flags',
				'locations',
				'question_returns',
				'review_events',
				'sessions',
				'sign_in_attempts',
				'sync_devices',
				'sync_mutations',
				'teams',
				'user_change_counters',
				'users'
			]);
		} finally {
			await handle.close();
		}
	});
});

describe('embedded data folder', () => {
	const folders: string[] = [];
	afterEach(() =>
		folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true }))
	);
	const freshFolder = () => {
		const folder = mkdtempSync(join(tmpdir(), 'esf-data-'));
		folders.push(folder);
		return folder;
	};

	it('keeps its data across a close and a reopen', async () => {
		const dataDir = freshFolder();
		const first = await openDatabase({ dataDir });
		await first.db.insert(teams).values({ name: 'North team', region: 'North East' });
		await first.close();
		const second = await openDatabase({ dataDir });
		expect((await second.db.select().from(teams)).map((team) => team.name)).toEqual(['North team']);
		await second.close();
	});

	it('lets only one process hold the folder, and takes over a lock its holder left behind', () => {
		const dataDir = freshFolder();
		const release = lockDataFolder(dataDir);
		// A lock held by another running process (PID 1 always runs) refuses with the reason.
		release();
		writeFileSync(join(dataDir, 'server.lock'), '1');
		expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUseError);
		expect(() => lockDataFolder(dataDir)).toThrow(
			/already in use by another ESF Conversations server \(process 1\)/
		);
		// A lock whose process has gone is taken over.
		writeFileSync(join(dataDir, 'server.lock'), '999999999');
		const releaseAgain = lockDataFolder(dataDir);
		releaseAgain();
	});

	it('makes a second process on the same folder stop at once, saying why', () => {
		const dataDir = freshFolder();
		const release = lockDataFolder(dataDir);
		try {
			const second = spawnSync(
				'npx',
				[
					'tsx',
					'--tsconfig',
					'tsconfig.json',
					'scripts/admin.ts',
					'create-user',
					'--email',
					'x@example.test',
					'--name',
					'X',
					'--role',
					'admin'
				],
				{ encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } }
			);
			expect(second.status).toBe(1);
			expect(second.stderr).toContain(
				`The data folder ${dataDir} is already in use by another ESF Conversations server (process ${process.pid})`
			);
		} finally {
			release();
		}
	});
});
