/**
 * Pure helpers for what a form shows beside what is stored. A form's value is a plain object
 * whose leaves (strings, numbers, booleans, null and arrays) are addressed by dotted paths, such
 * as `notes` or `callDate.day`. Every rule that keeps a person's typing safe is stated here once:
 * which parts of a value may be recorded, and how a change made elsewhere meets what is on screen.
 */
import type { z } from 'zod';

export type Path = string;
type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every leaf path of `value`; an array is one leaf. */
export function leafPaths(value: unknown, prefix = ''): Path[] {
	if (!isPlainObject(value)) return prefix ? [prefix] : [];
	return Object.entries(value).flatMap(([key, child]) =>
		leafPaths(child, prefix ? `${prefix}.${key}` : key)
	);
}

export function readPath(value: unknown, path: Path): unknown {
	let current = value;
	for (const key of path.split('.')) {
		if (!isPlainObject(current)) return undefined;
		current = current[key];
	}
	return current;
}

/** A copy of `value` with the leaf at `path` replaced; `value` is not changed. */
export function writePath<T>(value: T, path: Path, leaf: unknown): T {
	const [key, ...rest] = path.split('.') as [string, ...string[]];
	const object: Plain = isPlainObject(value) ? value : {};
	const child = rest.length === 0 ? leaf : writePath(object[key], rest.join('.'), leaf);
	return { ...object, [key]: child } as T;
}

/** Structural equality of JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
	}
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		return [...keys].every((key) => sameValue(a[key], b[key]));
	}
	return false;
}

/** The problems `schema` finds in `value`, by the leaf path each one is about. */
export function invalidPaths(schema: z.ZodType, value: unknown): Record<Path, string> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return {};
	const leaves = leafPaths(value);
	const problems: Record<Path, string> = {};
	for (const issue of parsed.error.issues) {
		const issuePath = issue.path.map(String).join('.');
		// An issue inside an array (evidence.1) belongs to the array's leaf.
		const leaf =
			leaves.find((path) => issuePath === path || issuePath.startsWith(`${path}.`)) ??
			(issuePath || leaves[0] || '');
		problems[leaf] ??= issue.message;
	}
	return problems;
}

/** `value` with every invalid leaf put back to what `stored` holds: the part that can be recorded. */
export function recordablePart<T>(value: T, stored: T, invalid: Record<Path, string>): T {
	return Object.keys(invalid).reduce(
		(result, path) => writePath(result, path, readPath(stored, path)),
		value
	);
}

export type Reconciled<T> = {
	/** What the form shows now. */
	screen: T;
	/** What the person had on screen where it differs from a change made elsewhere, by path. */
	conflicts: Record<Path, unknown>;
};

/**
 * Meets a change made elsewhere (`stored`, previously `base`) with what is on screen. Where the
 * person had not changed a leaf, the new value shows. Where both changed it differently, the new
 * value shows and theirs is kept beside it as a conflict for them to choose, so neither is lost
 * and no later change is based on a value that is not on screen.
 */
export function reconcile<T>(input: {
	base: T;
	screen: T;
	stored: T;
	conflicts?: Record<Path, unknown>;
}): Reconciled<T> {
	const { base, stored } = input;
	let screen = input.screen;
	const conflicts = { ...input.conflicts };
	const paths = new Set([...leafPaths(base), ...leafPaths(stored), ...leafPaths(screen)]);
	for (const path of paths) {
		const before = readPath(base, path);
		const now = readPath(stored, path);
		const shown = readPath(screen, path);
		if (sameValue(before, now)) continue;
		if (!sameValue(shown, before) && !sameValue(shown, now)) conflicts[path] = shown;
		screen = writePath(screen, path, now);
	}
	for (const path of Object.keys(conflicts)) {
		if (sameValue(conflicts[path], readPath(stored, path))) delete conflicts[path];
	}
	return { screen, conflicts };
}

/** The longest text `schema` allows at `path`, when it sets one. */
export function maxLengthAt(schema: z.ZodType, path: Path): number | undefined {
	let current: unknown = schema;
	for (const key of path.split('.')) {
		const shape = (current as { shape?: Record<string, unknown> }).shape;
		current = shape?.[key];
		// Optional and nullable fields wrap the string schema.
		while (current && (current as { unwrap?: () => unknown }).unwrap) {
			current = (current as { unwrap: () => unknown }).unwrap();
		}
	}
	const max = (current as { maxLength?: number | null } | undefined)?.maxLength;
	return typeof max === 'number' ? max : undefined;
}
