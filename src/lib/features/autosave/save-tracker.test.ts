import { describe, expect, it } from 'vitest';
import { SaveTracker } from './save-tracker.svelte';

describe('SaveTracker', () => {
	it('says saved only after every write committed', async () => {
		const tracker = new SaveTracker();
		let finish = () => {};
		const slow = tracker.track('notes', new Promise<void>((resolve) => (finish = resolve)));
		const fast = tracker.track('option', Promise.resolve());
		await fast;
		expect(tracker.state).toBe('saving');
		finish();
		await slow;
		expect(tracker.state).toBe('saved');
	});

	it('keeps a failure on screen until that same field saves, whatever else saves meanwhile', async () => {
		const tracker = new SaveTracker();
		expect(await tracker.track('notes', Promise.reject(new Error('Disk full')))).toBeUndefined();
		await tracker.track('option', Promise.resolve('ok'));
		expect([tracker.state, tracker.error]).toEqual(['error', 'Disk full']);
		await tracker.track('notes', Promise.resolve('ok'));
		expect([tracker.state, tracker.error]).toEqual(['saved', null]);
	});

	it('shows a refusal that never started a write', () => {
		const tracker = new SaveTracker();
		tracker.fail('call-details', 'Keep this under 200 characters');
		expect([tracker.state, tracker.error]).toEqual(['error', 'Keep this under 200 characters']);
	});
});
