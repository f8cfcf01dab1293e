import { describe, expect, it } from 'vitest';
import { DEMO_DIRECTORY } from './demo-directory';
import { searchDirectory } from './search-directory';

const first = DEMO_DIRECTORY.find((location) => location.sector === 'adult-social-care')!;
const trust = DEMO_DIRECTORY.find((location) => location.sector === 'nhs-trust')!;

describe('searchDirectory', () => {
	it('finds a location by its full ID first, by NHS code, and by an ID prefix', () => {
		expect(searchDirectory(DEMO_DIRECTORY, first.locationId)[0]).toEqual(first);
		expect(searchDirectory(DEMO_DIRECTORY, trust.locationId.toLowerCase())[0]).toEqual(trust);
		expect(searchDirectory(DEMO_DIRECTORY, first.locationId.slice(0, 6))).toContainEqual(first);
	});

	it('finds a postcode with or without its space', () => {
		expect(searchDirectory(DEMO_DIRECTORY, first.postcode.replace(' ', ''))[0]).toEqual(first);
		expect(searchDirectory(DEMO_DIRECTORY, first.postcode.toLowerCase())[0]).toEqual(first);
	});

	it('finds names by all their words in any case, and nothing for an empty query', () => {
		const words = first.name.toUpperCase().split(' ').reverse().join(' ');
		expect(searchDirectory(DEMO_DIRECTORY, words)).toContainEqual(first);
		expect(searchDirectory(DEMO_DIRECTORY, '   ')).toEqual([]);
		expect(searchDirectory(DEMO_DIRECTORY, 'no such place anywhere')).toEqual([]);
	});

	it('ignores punctuation in names and finds an ID by its digits without "1-"', () => {
		const cobblers = DEMO_DIRECTORY.find((location) => location.name.startsWith("Cobbler's"))!;
		expect(searchDirectory(DEMO_DIRECTORY, 'cobblers')).toEqual([cobblers]);
		expect(searchDirectory(DEMO_DIRECTORY, 'Cobbler’s yard')).toEqual([cobblers]);
		expect(searchDirectory(DEMO_DIRECTORY, first.locationId.slice(2))[0]).toEqual(first);
		expect(searchDirectory(DEMO_DIRECTORY, first.locationId.slice(2, 7))).toContainEqual(first);
	});

	it('has a fictional demo directory of at least 30 locations over every region', () => {
		expect(DEMO_DIRECTORY.length).toBeGreaterThanOrEqual(30);
		expect(new Set(DEMO_DIRECTORY.map((location) => location.region)).size).toBe(9);
		expect(new Set(DEMO_DIRECTORY.map((location) => location.locationId)).size).toBe(
			DEMO_DIRECTORY.length
		);
	});
});
