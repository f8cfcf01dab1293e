import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvColumns, csvRow } from './csv';

/**
 * A strict RFC 4180 parser, only for checking what the encoder writes: every record must end in
 * CRLF, and a bare CR or LF, or a quote inside an unquoted field, is an error.
 */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let i = 0;
	const fail = (message: string) => {
		throw new Error(`${message} at ${i} in ${JSON.stringify(text)}`);
	};
	while (i < text.length) {
		let value = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) fail('Unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
					} else {
						i++;
						break;
					}
				} else {
					value += text[i];
					i++;
				}
			}
		} else {
			while (i < text.length && !',\r\n'.includes(text[i]!)) {
				if (text[i] === '"') fail('Quote in unquoted field');
				value += text[i];
				i++;
			}
		}
		record.push(value);
		if (text[i] === ',') {
			i++;
		} else if (text.startsWith('\r\n', i)) {
			i += 2;
			records.push(record);
			record = [];
		} else {
			fail('Expected comma or CRLF');
		}
	}
	if (record.length > 0) fail('Record without CRLF');
	return records;
}

/** What a text field reads as after the formula defence. */
const asWritten = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('csvRow', () => {
	it('ends a record in CRLF and leaves plain fields unquoted', () => {
		expect(csvRow(['a', 'b c', 'd'])).toBe('a,b c,d\r\n');
	});

	it('quotes fields holding a comma, a quote, CR, LF or CRLF, doubling quotes', () => {
		expect(csvRow(['a,b'])).toBe('"a,b"\r\n');
		expect(csvRow(['say "hi"'])).toBe('"say ""hi"""\r\n');
		expect(csvRow(['"'])).toBe('""""\r\n');
		expect(csvRow(['a\rb'])).toBe('"a\rb"\r\n');
		expect(csvRow(['a\nb'])).toBe('"a\nb"\r\n');
		expect(csvRow(['line 1\r\nline 2', 'x'])).toBe('"line 1\r\nline 2",x\r\n');
	});

	it('writes null, undefined and empty strings as empty fields', () => {
		expect(csvRow([null, undefined, ''])).toBe(',,\r\n');
		expect(csvRow([null])).toBe('\r\n');
	});

	it('leaves unicode as it is', () => {
		expect(csvRow(['Crèche – Zoë 😀', '日本語'])).toBe('Crèche – Zoë 😀,日本語\r\n');
	});

	it.each(['=SUM(A1:A2)', '+1', '-1', '@cmd', '\tx', '\rx'])(
		'prefixes text starting with a formula character: %j',
		(value) => {
			expect(parseCsv(csvRow([value]))).toEqual([[`'${value}`]]);
		}
	);

	it('quotes a prefixed field that still needs quoting', () => {
		expect(csvRow(['=HYPERLINK("http://x","y")'])).toBe('"\'=HYPERLINK(""http://x"",""y"")"\r\n');
		expect(csvRow(['\r\n'])).toBe('"\'\r\n"\r\n');
	});

	it('does not prefix formula characters later in the text', () => {
		expect(csvRow(['a=b', 'x-1', ' =1'])).toBe('a=b,x-1, =1\r\n');
	});

	it('writes numbers with String(n) and never prefixes them', () => {
		expect(csvRow([-3, 0, 1.5, -0.25, 1e21])).toBe('-3,0,1.5,-0.25,1e+21\r\n');
		expect(csvRow(['-3'])).toBe("'-3\r\n");
	});

	it('writes booleans as true/false', () => {
		expect(csvRow([true, false])).toBe('true,false\r\n');
	});
});

describe('csvColumns', () => {
	interface Flag {
		provider: string;
		severity: string;
		score: number;
		note: string | null;
	}
	const columns = csvColumns<Flag>([
		{ header: 'Provider', value: (flag) => flag.provider },
		{ header: 'Severity', value: (flag) => flag.severity },
		{ header: 'Score', value: (flag) => flag.score },
		{ header: 'Note, if any', value: (flag) => flag.note }
	]);

	it('writes a header record and one record per item in column order', () => {
		expect(columns.header).toBe('Provider,Severity,Score,"Note, if any"\r\n');
		const text =
			CSV_BOM +
			columns.header +
			columns.row({ provider: 'Crèche – Zoë', severity: 'high', score: -3, note: null }) +
			columns.row({ provider: '=evil()', severity: 'low', score: 2, note: 'two\r\nlines' });
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(parseCsv(text.slice(CSV_BOM.length))).toEqual([
			['Provider', 'Severity', 'Score', 'Note, if any'],
			['Crèche – Zoë', 'high', '-3', ''],
			["'=evil()", 'low', '2', 'two\r\nlines']
		]);
	});
});

describe('round trip through an RFC 4180 parser', () => {
	it('reads back multiline and quoted fields, CR-first text prefixed', () => {
		const values = ['a\r\nb\r\nc', '"quoted"', 'x,y', '\n', '\r', '', 'Crèche – Zoë 😀'];
		const written = values.map(asWritten);
		expect(written[4]).toBe("'\r");
		expect(parseCsv(csvRow(values) + csvRow(values))).toEqual([written, written]);
	});

	// Units biased towards the characters that matter to CSV, mixed with any code point and any
	// printable grapheme.
	const unit = fc.oneof(
		fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ' '),
		fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
		fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
	);
	// At least one field: an empty record and a record of one empty field are both written as
	// CRLF alone, as RFC 4180 cannot tell them apart.
	const records = fc.array(fc.array(fc.string({ unit }), { minLength: 1 }), { maxLength: 5 });

	it('reads back any strings (with the formula prefix where one applies)', () => {
		fc.assert(
			fc.property(records, (rows) => {
				const text = rows.map((row) => csvRow(row)).join('');
				expect(parseCsv(text)).toEqual(rows.map((row) => row.map(asWritten)));
			}),
			{ numRuns: 200 }
		);
	});

	it('reads back strings that do not start with a formula character unchanged', () => {
		const safe = fc.string({ unit }).filter((value) => asWritten(value) === value);
		fc.assert(
			fc.property(fc.array(safe, { minLength: 1 }), (row) => {
				expect(parseCsv(csvRow(row))).toEqual([row]);
			}),
			{ numRuns: 200 }
		);
	});
});
