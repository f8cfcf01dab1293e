import { CSV_BOM } from '$lib/domain/csv/csv';

/** Bytes per enqueued chunk: large enough to keep per-chunk overhead low, small enough to stay flat. */
const CHUNK_BYTES = 64 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `Content-Disposition` for a download: an ASCII-only `filename` and the full name in `filename*`. */
function contentDisposition(filename: string): string {
	const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '-') || 'download.csv';
	// RFC 5987 attr-chars: encodeURIComponent leaves ' ( ) * as they are, so those are encoded too.
	const encoded = encodeURIComponent(filename.replace(LONE_SURROGATE, '\uFFFD')).replace(
		/['()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams a CSV download: the BOM and `header`, then each of `rows` (records already ending in
 * CRLF). The body is pulled, so rows are only read from `rows` as fast as the client takes them,
 * and at most a chunk or two of about 64 KB is held in memory however long the file.
 */
export function csvResponse(
	filename: string,
	header: string,
	rows: AsyncIterable<string>
): Response {
	const encoder = new TextEncoder();
	let iterator: AsyncIterator<string> | undefined;
	let cancelled = false;
	let buffer = new Uint8Array(CHUNK_BYTES);
	let filled = 0;

	/** Encodes `text` into the buffer, handing each full buffer to `enqueue`. */
	function write(text: string, enqueue: (chunk: Uint8Array) => void) {
		let rest = text;
		while (rest.length > 0) {
			// encodeInto never splits a character, so `rest` always starts on a whole one.
			const { read, written } = encoder.encodeInto(rest, buffer.subarray(filled));
			filled += written;
			rest = rest.slice(read);
			if (rest.length > 0 || filled === CHUNK_BYTES) {
				enqueue(buffer.subarray(0, filled));
				buffer = new Uint8Array(CHUNK_BYTES);
				filled = 0;
			}
		}
	}

	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			let enqueued = false;
			const enqueue = (chunk: Uint8Array) => {
				controller.enqueue(chunk);
				enqueued = true;
			};
			try {
				if (!iterator) {
					iterator = rows[Symbol.asyncIterator]();
					write(CSV_BOM + header, enqueue);
				}
				while (!enqueued) {
					const next = await iterator.next();
					if (cancelled) return;
					if (next.done) {
						if (filled > 0) controller.enqueue(buffer.subarray(0, filled));
						controller.close();
						return;
					}
					write(next.value, enqueue);
				}
			} catch (error) {
				// The status and headers have gone already, so the only way left to say "this file is
				// incomplete" is to abort the body: the browser then marks the download as failed.
				// Closing the stream instead would hand the manager a truncated CSV that looks whole.
				if (!cancelled) controller.error(error);
			}
		},
		async cancel() {
			// The client went away: stop the source (runs its `finally`, releasing e.g. a database cursor).
			cancelled = true;
			await iterator?.return?.();
		}
	});

	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': contentDisposition(filename),
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}
