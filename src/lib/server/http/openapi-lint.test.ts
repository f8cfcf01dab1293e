/**
 * The OpenAPI document passes Redocly's recommended rules (redocly.yaml) with no error and no warning, so a
 * client generator reading it meets nothing it has to guess about. Redocly runs from
 * node_modules on a file, with telemetry and the update check off: it needs no network.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Problem = { ruleId: string; severity: string; message: string; location: unknown };

describe('the OpenAPI document, linted by Redocly', () => {
	it('has no errors and no warnings under the rules of redocly.yaml', async () => {
		const document = join(folder, 'openapi.json');
		const config = join(process.cwd(), 'redocly.yaml');
		const report = join(folder, 'report.json');
		writeFileSync(document, JSON.stringify(openApiDocument()));
		const result = await run(
			join(process.cwd(), 'node_modules', '.bin', 'redocly'),
			['lint', document, `--config=${config}`, '--format=json', '--max-problems=1000'],
			{
				cwd: folder,
				env: {
					...process.env,
					REDOCLY_TELEMETRY: 'off',
					REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
					NO_UPDATE_NOTIFIER: '1'
				},
				maxBuffer: 16 * 1024 * 1024
			}
		).catch((error: { code: number; stdout: string; stderr: string }) => error);
		writeFileSync(report, result.stdout);
		const { totals, problems } = JSON.parse(readFileSync(report, 'utf8')) as {
			totals: { errors: number; warnings: number };
			problems: Problem[];
		};
		const listed = problems.map(
			(p) => `${p.severity} ${p.ruleId}: ${p.message} ${JSON.stringify(p.location)}`
		);
		expect(listed).toEqual([]);
		expect(totals).toMatchObject({ errors: 0, warnings: 0 });
		expect('code' in result ? result.code : 0).toBe(0);
	}, 120_000);
});
