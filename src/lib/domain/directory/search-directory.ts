import { foldForSearch as fold } from '../text';
import type { Location } from './location.schema';

const compact = (value: string) => value.toLowerCase().replace(/\s+/g, '');

/**
 * Locations matching what the inspector typed: a location ID (with or without its "1-") or NHS
 * code, a postcode (spaces ignored) or words of the name (punctuation ignored), best matches first.
 */
export function searchDirectory(
	locations: readonly Location[],
	query: string,
	limit = 20
): Location[] {
	const needle = compact(query);
	if (needle.length === 0) return [];
	const words = fold(query).split(' ').filter(Boolean);
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
	// A location ID's digits alone, without its "1-", find it too.
	if (/^\d{3,}$/.test(needle) && /^1-\d+$/.test(id)) {
		if (id.slice(2) === needle) return 95;
		if (id.slice(2).startsWith(needle)) return 75;
	}
	const postcode = compact(location.postcode);
	if (postcode === needle) return 90;
	if (needle.length >= 2 && postcode.startsWith(needle)) return 70;
	const name = fold(location.name);
	if (name.startsWith(words.join(' '))) return 60;
	if (words.every((word) => name.includes(word))) return 50;
	return 0;
}
