// The browser tests' second shared server: the built app on a PostgreSQL database made afresh for
// each run (dropped and created again), with the demo accounts, so the manager's and the
// administrator's journeys run on PostgreSQL as well as on the embedded database.
//   TEST_DATABASE_URL=postgres://… PORT=4174 node scripts/serve-e2e-postgres.js
// With BUILT_BY set to the first server's address, it waits until that server, which builds the
// app, answers, so it never serves a build being replaced.
import { spawn } from 'node:child_process';
import postgres from 'postgres';

if (process.env.BUILT_BY) {
	for (let tries = 0; ; tries++) {
		const answered = await fetch(process.env.BUILT_BY).then(
			(response) => response.ok,
			() => false
		);
		if (answered) break;
		if (tries > 600) throw new Error(`${process.env.BUILT_BY} never answered`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const NAME = 'esf_e2e_journeys';
const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
await admin.unsafe(`drop database if exists ${NAME} with (force)`);
await admin.unsafe(`create database ${NAME}`);
await admin.end();

const url = new URL(process.env.TEST_DATABASE_URL);
url.pathname = `/${NAME}`;
const server = spawn(process.execPath, ['scripts/serve.js'], {
	env: { ...process.env, DATABASE_URL: url.toString(), SEED_DEMO: '1' },
	stdio: 'inherit'
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
