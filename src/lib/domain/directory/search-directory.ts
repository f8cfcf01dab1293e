import type { Location } from './location.schema';

const compact = (value: string) => value.toLowerCase().replace(/\s+/g, '');

/**
 * Locations matching what the inspector typed: a location ID or NHS code, a postcode (spaces
 * ignored) or words of the name, best matches first.
 */
export function searchDirectory(
	locations: readonly Location[],
	query: string,
	limit = 20
): Location[] {
	const needle = compact(query);
	if (needle.length === 0) return [];
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	const scored: { location: Location; score: number }[] = [];
	for (const location of locations) {
		const score = matchScore(location, needle, words);
		if (score > 0) scored.push({ location, score });
	}
	scored.sort((a, b) => b.score - a.score || a.location.name.localeCompare(b.location.name));
	return scored.slice(0, limit).map((entry) => entry.location);
}

function matchScore(location: Location, needle: string, words: string[]): number {
	const id = location.locationId.toLowerCase();
	if (id === needle) return 100;
	if (id.startsWith(needle)) return 80;
	const postcode = compact(location.postcode);
	if (postcode === needle) return 90;
	if (needle.length >= 2 && postcode.startsWith(needle)) return 70;
	const name = location.name.toLowerCase();
	if (name.startsWith(words.join(' '))) return 60;
	if (words.every((word) => name.includes(word))) return 50;
	return 0;
}
