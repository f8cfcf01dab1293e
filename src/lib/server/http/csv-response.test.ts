import { describe, expect, it } from 'vitest';
import { csvResponse } from './csv-response';

const HEADER = 'id,name\r\n';

async function* numberedRows(count: number, onRow?: (index: number) => void) {
	for (let index = 0; index < count; index++) {
		onRow?.(index);
		yield `${index},row ${index}\r\n`;
	}
}

/** The body as bytes; `Response.text()` would strip the BOM, so it is decoded by hand. */
async function bodyText(response: Response): Promise<{ bytes: Uint8Array; text: string }> {
	const bytes = new Uint8Array(await response.arrayBuffer());
	return { bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

async function readChunks(response: Response): Promise<Uint8Array[]> {
	const chunks: Uint8Array[] = [];
	const reader = response.body!.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return chunks;
		chunks.push(value);
	}
}

describe('csvResponse', () => {
	it('streams the BOM, the header and 100,000 rows as CRLF-terminated lines', async () => {
		const response = csvResponse('flags.csv', HEADER, numberedRows(100_000));
		const { bytes, text } = await bodyText(response);

		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(text.startsWith(`\uFEFF${HEADER}0,row 0\r\n`)).toBe(true);
		const lines = text.split('\r\n');
		expect(lines.pop()).toBe('');
		expect(lines).toHaveLength(100_001);
		expect(text).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
		expect(lines[100_000]).toBe('99999,row 99999');
	});

	it('sets the download headers', () => {
		const response = csvResponse('flags.csv', HEADER, numberedRows(0));
		expect(response.status).toBe(200);
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('Content-Disposition')).toBe(
			`attachment; filename="flags.csv"; filename*=UTF-8''flags.csv`
		);
		expect(response.headers.get('Cache-Control')).toBe('private, no-store');
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
	});

	it('keeps the filename ASCII-safe, with the full name encoded in filename*', () => {
		const disposition = (name: string) =>
			csvResponse(name, HEADER, numberedRows(0)).headers.get('Content-Disposition');
		expect(disposition('Risk flags – Zoë (1).csv')).toBe(
			`attachment; filename="Risk-flags---Zo---1-.csv"; ` +
				`filename*=UTF-8''Risk%20flags%20%E2%80%93%20Zo%C3%AB%20%281%29.csv`
		);
		expect(disposition('a";\r\nX-Evil: 1.csv')).toBe(
			`attachment; filename="a----X-Evil--1.csv"; filename*=UTF-8''a%22%3B%0D%0AX-Evil%3A%201.csv`
		);
		expect(disposition('')).toBe(`attachment; filename="download.csv"; filename*=UTF-8''`);
	});

	it('an empty source gives the BOM and header alone', async () => {
		const { text } = await bodyText(csvResponse('flags.csv', HEADER, numberedRows(0)));
		expect(text).toBe(`\uFEFF${HEADER}`);
	});

	it('batches rows into chunks of at most 64 KB without splitting characters', async () => {
		const big = `${'é😀,'.repeat(30_000)}\r\n`;
		async function* rows() {
			for (let index = 0; index < 5_000; index++) yield `Zoë 😀 ${index}\r\n`;
			yield big;
			yield 'end\r\n';
		}
		const chunks = await readChunks(csvResponse('flags.csv', HEADER, rows()));

		expect(chunks.every((chunk) => chunk.byteLength <= 64 * 1024)).toBe(true);
		// About 70 KB of small rows and 240 KB in one row: a handful of chunks, not thousands.
		expect(chunks.length).toBeLessThan(10);
		const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
		let offset = 0;
		for (const chunk of chunks) {
			bytes.set(chunk, offset);
			offset += chunk.byteLength;
		}
		let expected = `\uFEFF${HEADER}`;
		for (let index = 0; index < 5_000; index++) expected += `Zoë 😀 ${index}\r\n`;
		expected += `${big}end\r\n`;
		const decoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });
		expect(decoder.decode(bytes)).toBe(expected);
	});

	it('reads rows only as the client reads (back-pressure)', async () => {
		let produced = 0;
		const response = csvResponse(
			'flags.csv',
			HEADER,
			numberedRows(100_000, () => produced++)
		);
		const reader = response.body!.getReader();
		await reader.read();
		await new Promise((resolve) => setTimeout(resolve, 50));
		// One chunk read and at most a chunk or two queued ahead: ~4,000 rows each, not 100,000.
		expect(produced).toBeGreaterThan(0);
		expect(produced).toBeLessThan(20_000);
		await reader.cancel();
	});

	it('fails the body rather than truncating it when the source throws', async () => {
		async function* failing() {
			yield* numberedRows(10_000);
			throw new Error('database went away');
		}
		const response = csvResponse('flags.csv', HEADER, failing());
		await expect(response.arrayBuffer()).rejects.toThrow('database went away');
	});

	it('cancelling the body stops the source and runs its finally block', async () => {
		let finished = false;
		let produced = 0;
		async function* endless() {
			try {
				for (let index = 0; ; index++) {
					produced++;
					yield `${index},row\r\n`;
				}
			} finally {
				finished = true;
			}
		}
		const reader = csvResponse('flags.csv', HEADER, endless()).body!.getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		expect(finished).toBe(false);

		await reader.cancel('client went away');
		expect(finished).toBe(true);
		const producedAtCancel = produced;
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(produced).toBe(producedAtCancel);
	});
});
