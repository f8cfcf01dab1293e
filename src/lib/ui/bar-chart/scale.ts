/**
 * Evenly spaced axis ticks from 0, stepping by 1, 2 or 5 × a power of ten, with the last tick at
 * or above `max`. `minStep` stops counts getting fractional ticks (pass 1 for whole numbers).
 */
export function niceTicks(max: number, count = 5, minStep = 0): number[] {
	if (!Number.isFinite(max) || max <= 0) return [0, Math.max(1, minStep)];
	const raw = max / Math.max(1, Math.floor(count));
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const nice = [1, 2, 5, 10].find((n) => raw <= n * magnitude * (1 + 1e-9)) ?? 10;
	const step = Math.max(nice * magnitude, minStep);
	const steps = Math.ceil(max / step - 1e-9);
	// toPrecision drops floating-point dust such as 0.30000000000000004.
	return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * Splits an axis label into at most `maxLines` lines of about `maxChars` characters, breaking at
 * spaces; a word longer than a line is kept whole, and anything left over ends in an ellipsis.
 */
export function wrapLabel(label: string, maxChars: number, maxLines = 2): string[] {
	const lines: string[] = [];
	for (const word of label.trim().split(/\s+/).filter(Boolean)) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= maxChars) {
			lines[lines.length - 1] = `${last} ${word}`;
		} else {
			lines.push(word);
		}
	}
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
	return kept;
}

export const CHART_WIDTH = 600;
export const LINE_HEIGHT = 15;
const FONT_SIZE = 13;
const CHAR_WIDTH = FONT_SIZE * 0.55;
/** Two decimal places keep the markup short; a hundredth of a unit is invisible. */
const round = (n: number) => Math.round(n * 100) / 100;

export type ChartLine = { x1: number; y1: number; x2: number; y2: number; axis: boolean };
export type ChartBar = { x: number; y: number; width: number; height: number; series: number };
/** `dy` shifts the first line; later lines follow at LINE_HEIGHT. */
export type ChartText = {
	x: number;
	y: number;
	dy: string;
	anchor: 'start' | 'middle' | 'end';
	lines: string[];
};
export type ChartLayout = {
	height: number;
	grid: ChartLine[];
	bars: ChartBar[];
	texts: ChartText[];
};

/**
 * Positions, in a viewBox CHART_WIDTH units wide, for grouped bars where `values[group][series]`
 * is at least 0. Only bars above 0 are drawn.
 */
export function layoutBars(
	values: number[][],
	groupLabels: string[],
	valueLabel: string,
	horizontal: boolean,
	format: (n: number) => string = String
): ChartLayout {
	const groups = Math.max(1, values.length);
	const series = Math.max(1, ...values.map((row) => row.length));
	const all = values.flat();
	const ticks = niceTicks(Math.max(0, ...all), 5, all.every(Number.isInteger) ? 1 : 0);
	const top = ticks.at(-1) ?? 1;

	// Horizontal charts keep room on the left for long labels and grow taller with more groups.
	const band = horizontal
		? Math.max(2 * LINE_HEIGHT + 8, series * 14 + 12)
		: (CHART_WIDTH - 56) / groups;
	const thick = horizontal ? 14 : Math.min(40, (band * 0.8) / series);
	const origin = horizontal ? { x: 168, y: 8 } : { x: 48, y: 24 };
	const groupAxis = horizontal ? groups * band : CHART_WIDTH - 56;
	const valueAxis = horizontal ? CHART_WIDTH - 184 : 240;
	const wrapped = groupLabels.map((label) =>
		wrapLabel(label, Math.floor((horizontal ? 152 : band) / CHAR_WIDTH))
	);
	const lines = Math.max(1, ...wrapped.map((l) => l.length));
	const height = origin.y + (horizontal ? groupAxis + 42 : valueAxis + 10 + lines * LINE_HEIGHT);

	const length = (v: number) => (v / top) * valueAxis;
	/** `across` runs along the group axis; `up` runs from the value axis's 0 towards its top. */
	const point = (across: number, up: number) =>
		horizontal
			? { x: round(origin.x + up), y: round(origin.y + across) }
			: { x: round(origin.x + across), y: round(origin.y + valueAxis - up) };

	const bars = values.flatMap((row, g) =>
		row.flatMap((v, s) => {
			if (!(v > 0)) return [];
			const across = g * band + (band - thick * series) / 2 + s * thick + 1;
			const [p, q] = [point(across, 0), point(across + thick - 2, length(v))];
			const [x, y] = [Math.min(p.x, q.x), Math.min(p.y, q.y)];
			return [
				{ x, y, width: round(Math.abs(q.x - p.x)), height: round(Math.abs(q.y - p.y)), series: s }
			];
		})
	);
	const grid = ticks.map((t) => {
		const [p, q] = [point(0, length(t)), point(groupAxis, length(t))];
		return { x1: p.x, y1: p.y, x2: q.x, y2: q.y, axis: t === 0 };
	});
	const texts: ChartText[] = [
		...ticks.map((t): ChartText => ({
			...point(horizontal ? groupAxis + 16 : -6, length(t)),
			dy: horizontal ? '0' : '0.32em',
			anchor: horizontal ? 'middle' : 'end',
			lines: [format(t)]
		})),
		...wrapped.map((lines, g): ChartText => {
			const across = (g + 0.5) * band - (horizontal ? ((lines.length - 1) * LINE_HEIGHT) / 2 : 0);
			return {
				...point(across, horizontal ? -8 : -20),
				dy: horizontal ? '0.32em' : '0',
				anchor: horizontal ? 'end' : 'middle',
				lines
			};
		}),
		horizontal
			? { x: origin.x + valueAxis, y: height - 4, dy: '0', anchor: 'end', lines: [valueLabel] }
			: { x: 0, y: 12, dy: '0', anchor: 'start', lines: [valueLabel] }
	];
	return { height, grid, bars, texts };
}
