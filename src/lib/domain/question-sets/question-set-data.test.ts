import { describe, expect, it } from 'vitest';
import { questionSetSchema } from './question-set.schema';

// Reads the data files directly, so one bad file is reported with its problems rather than
// stopping every test that loads the bundled sets.
describe('question set data files', () => {
	it('are every one a valid question set', () => {
		const files = import.meta.glob('./data/*.json', { eager: true, import: 'default' });
		expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
		const problems = Object.entries(files).flatMap(([file, data]) => {
			const parsed = questionSetSchema.safeParse(data);
			return parsed.success
				? []
				: parsed.error.issues.map((issue) => `${file} ${issue.path.join('.')}: ${issue.message}`);
		});
		expect(problems).toEqual([]);
	});
});
