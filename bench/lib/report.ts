/** The results as a Markdown table per part, for people to read beside the JSON. */
import type { Figure, PartKey, PartReport } from './figures';

type Results = {
	machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
	parts: Partial<Record<PartKey, PartReport & { measuredAt: string }>>;
};

const number = (value: number) =>
	value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

function row(figure: Figure): string {
	const { measured, baseline } = figure;
	return [
		figure.label,
		`${number(measured.median)} ${figure.unit}`,
		`${number(measured.p95)} ${figure.unit}`,
		String(measured.n),
		baseline
			? `${baseline.label}: ${number(baseline.median)} / ${number(baseline.p95)} ${figure.unit}`
			: '–',
		figure.ratio === undefined ? '–' : `${number(figure.ratio)}×`,
		figure.target ? `${figure.target.met ? 'met' : '**not met**'}: ${figure.target.text}` : '–',
		figure.note ?? ''
	]
		.map((cell) => cell.replaceAll('|', '\\|'))
		.join(' | ');
}

export function toMarkdown(results: Results): string {
	const { machine } = results;
	const lines = [
		'# Benchmark results',
		'',
		`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}.`,
		'Median and p95 over n repetitions; the baseline is measured in the same run, and the ratio (median ÷ baseline median) is the figure to compare between runs.',
		''
	];
	for (const part of Object.values(results.parts)) {
		if (!part) continue;
		lines.push(
			`## ${part.title} (\`${part.key}\`)`,
			'',
			`Measured ${part.measuredAt}, in ${part.seconds} s.`,
			''
		);
		lines.push('| Figure | Median | p95 | n | Baseline (median / p95) | Ratio | Target | Note |');
		lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
		for (const figure of part.figures) lines.push(`| ${row(figure)} |`);
		lines.push('');
	}
	return `${lines.join('\n')}\n`;
}
