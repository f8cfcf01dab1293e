import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROUTE_FILES = /^\+(page|server)\.(svelte|ts|js)$/;

/** Every route id under src/routes that has a page or an endpoint, as SvelteKit names them. */
export function routeIds(routesDir = join(process.cwd(), 'src', 'routes')): string[] {
	const ids = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (ROUTE_FILES.test(entry.name)) {
				ids.add(`/${relative(routesDir, dir).split(sep).join('/')}`.replace(/\/$/, '') || '/');
			}
		}
	};
	walk(routesDir);
	return [...ids].sort();
}
