/**
 * Only one process may open a PGlite data folder: two would corrupt it. The first process writes
 * its PID to a lock file created exclusively; a second finds it and stops with a clear message.
 * A lock left by a process that no longer runs is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderInUseError extends Error {
	constructor(dataDir: string, pid: number) {
		super(
			`The data folder ${dataDir} is already in use by another ESF Conversations server (process ${pid}). Stop that server first, or set DATA_DIR to another folder.`
		);
		this.name = 'DataFolderInUseError';
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the folder's lock; returns the function that releases it. */
export function lockDataFolder(dataDir: string): () => void {
	mkdirSync(dataDir, { recursive: true });
	const lockFile = join(dataDir, 'server.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => rmSync(lockFile, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(readFileSync(lockFile, 'utf8'));
			if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
				throw new DataFolderInUseError(dataDir, holder);
			}
			rmSync(lockFile, { force: true });
		}
	}
	throw new Error(`Could not lock the data folder ${dataDir}`);
}
