/**
 * RFC 4180 CSV encoding: records end in CRLF, and a field holding a comma, double quote, CR or LF
 * is wrapped in double quotes with its quotes doubled.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
	header: string;
	value: (row: T) => CsvValue;
}

/**
 * UTF-8 byte order mark, written once at the very start of a file. Excel reads a CSV without it
 * in the machine's legacy code page (so "Zoë" comes out as "ZoÃ«"); with it, Excel reads UTF-8.
 */
export const CSV_BOM = '\uFEFF';

/** A field that would make a spreadsheet treat the cell as a formula (or split it). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function field(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	// Numbers (and booleans) come from our own data, not from what someone typed, so `-3` stays a
	// number the spreadsheet can sum; only text can smuggle in a formula.
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// OWASP CSV injection guidance: text starting with = + - @ TAB or CR could run as a formula
	// (e.g. `=HYPERLINK(...)`) when a manager opens the file, so it is prefixed with `'`, which
	// spreadsheets show as text.
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, terminated by CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
	return `${values.map(field).join(',')}\r\n`;
}

/** A header record and a function that writes each item as a record in the same column order. */
export function csvColumns<T>(columns: readonly CsvColumn<T>[]): {
	header: string;
	row: (item: T) => string;
} {
	return {
		header: csvRow(columns.map((column) => column.header)),
		row: (item) => csvRow(columns.map((column) => column.value(item)))
	};
}
