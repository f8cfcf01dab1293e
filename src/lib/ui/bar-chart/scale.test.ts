import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, layoutBars, niceTicks, wrapLabel, type ChartLayout } from './scale';

describe('niceTicks', () => {
	it('steps by 1, 2 or 5 times a power of ten and ends at or above the maximum', () => {
		expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
		expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
		expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
		expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
		expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
	});

	it('honours the requested number of intervals', () => {
		expect(niceTicks(12, 2)).toEqual([0, 10, 20]);
		expect(niceTicks(12, 10)).toEqual([0, 2, 4, 6, 8, 10, 12]);
	});

	it('gives fractional ticks without floating-point dust', () => {
		expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
		expect(niceTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
	});

	it('keeps counts whole when asked', () => {
		expect(niceTicks(2, 5, 1)).toEqual([0, 1, 2]);
		expect(niceTicks(1, 5, 1)).toEqual([0, 1]);
		expect(niceTicks(3, 5, 1)).toEqual([0, 1, 2, 3]);
	});

	it('falls back to a usable axis when there is nothing to scale', () => {
		for (const max of [0, -4, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(niceTicks(max)).toEqual([0, 1]);
		}
	});

	it('always starts at 0, rises evenly and covers the maximum', () => {
		for (const max of [0.07, 1, 3, 9.5, 11, 49, 51, 999, 25_000]) {
			const ticks = niceTicks(max, 5, Number.isInteger(max) ? 1 : 0);
			const step = ticks[1]! - ticks[0]!;
			expect(ticks[0]).toBe(0);
			expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
			expect(ticks.at(-2)).toBeLessThan(max);
			ticks.forEach((tick, i) => expect(tick).toBeCloseTo(i * step, 9));
		}
	});
});

describe('wrapLabel', () => {
	it('leaves a short label on one line', () => {
		expect(wrapLabel('London', 10)).toEqual(['London']);
	});

	it('breaks at spaces', () => {
		expect(wrapLabel('w/c 2 Nov', 5)).toEqual(['w/c 2', 'Nov']);
		expect(wrapLabel('Yorkshire and the Humber', 20)).toEqual(['Yorkshire and the', 'Humber']);
	});

	it('keeps a long word whole and marks dropped words with an ellipsis', () => {
		expect(wrapLabel('Northumberland', 6)).toEqual(['Northumberland']);
		expect(wrapLabel('East of England and beyond', 7)).toEqual(['East of', 'England…']);
	});

	it('copes with odd spacing and empty labels', () => {
		expect(wrapLabel('  North   East ', 20)).toEqual(['North East']);
		expect(wrapLabel('', 10)).toEqual([]);
	});
});

describe('layoutBars', () => {
	const inside = (layout: ChartLayout) =>
		layout.bars.every(
			(b) => b.x >= 0 && b.y >= 0 && b.x + b.width <= CHART_WIDTH && b.y + b.height <= layout.height
		);

	it('draws one bar per value above 0, scaled to the top tick', () => {
		const layout = layoutBars(
			[
				[12, 0],
				[6, 3]
			],
			['London', 'North East'],
			'Flags',
			false
		);
		expect(layout.bars.map((b) => b.series)).toEqual([0, 0, 1]);
		const [london, northEast] = layout.bars;
		// Ticks run 0–15, so 12 is four-fifths of the axis and 6 half of that.
		expect(northEast!.height * 2).toBeCloseTo(london!.height);
		expect(london!.y + london!.height).toBe(northEast!.y + northEast!.height);
		expect(layout.grid.map((g) => g.axis)).toEqual([true, false, false, false]);
		expect(inside(layout)).toBe(true);
	});

	it('grows horizontal bars rightwards from a common left edge', () => {
		const layout = layoutBars([[4], [2], [1]], ['A', 'B', 'C'], 'Flags', true);
		const [a, b] = layout.bars;
		expect(a!.x).toBe(b!.x);
		expect(a!.width).toBeCloseTo(b!.width * 2);
		expect(a!.y).toBeLessThan(b!.y);
		expect(inside(layout)).toBe(true);
	});

	it('labels the axes, wrapping long group labels', () => {
		const labels = ['Yorkshire and the Humber and somewhere else', 'London'];
		const text = (horizontal: boolean) =>
			layoutBars([[1], [2]], labels, 'Flags', horizontal).texts.map((t) => t.lines);
		expect(text(true)).toEqual([
			['0'],
			['1'],
			['2'],
			['Yorkshire and the', 'Humber and somewhere…'],
			['London'],
			['Flags']
		]);
		expect(text(false)).toContainEqual(['Flags']);
	});

	it('stays inside the view box for many groups and series', () => {
		const values = Array.from({ length: 12 }, (_, g) => [g, 2 * g, 30 - g, 5, 0, 1]);
		const labels = values.map((_, g) => `w/c ${g + 1} Nov`);
		for (const horizontal of [false, true]) {
			const layout = layoutBars(values, labels, 'Flags', horizontal);
			expect(inside(layout)).toBe(true);
			const xs = layout.texts.map((t) => t.x);
			expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
			expect(Math.max(...xs)).toBeLessThanOrEqual(CHART_WIDTH);
		}
	});
});
