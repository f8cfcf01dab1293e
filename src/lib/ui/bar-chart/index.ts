export { default as BarChart, type BarGroup, type BarSeries } from './bar-chart.svelte';
