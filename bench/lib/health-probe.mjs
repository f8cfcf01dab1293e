/**
 * Asks the server's /api/health every `every` ms for `seconds` seconds, from a process of its own,
 * so the latency measured is the server's and not the wait of a load generator's busy event loop
 * (bench/parts/server-load.ts spawns it):
 *   node bench/lib/health-probe.mjs <base url> <seconds> <every ms>
 * Prints one line of JSON: {latencies: number[], failures: string[]}.
 */
const [url, seconds, every] = process.argv.slice(2);
// The first request of a new process also looks the name up and connects: not measured.
await fetch(`${url}/api/health`).then(
	(response) => response.arrayBuffer(),
	() => undefined
);
const deadline = performance.now() + Number(seconds) * 1000;
const latencies = [];
const failures = [];
while (performance.now() < deadline) {
	const sent = performance.now();
	const response = await fetch(`${url}/api/health`).catch(() => undefined);
	await response?.arrayBuffer();
	if (response?.ok) latencies.push(performance.now() - sent);
	else failures.push(`health ${response?.status ?? 'network'}`);
	await new Promise((resolve) => setTimeout(resolve, Number(every)));
}
process.stdout.write(`${JSON.stringify({ latencies, failures })}\n`);
