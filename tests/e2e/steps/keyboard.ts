import { expect, type Locator, type Page } from '@playwright/test';

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
export async function tabTo(page: Page, target: Locator, maxPresses = 150): Promise<void> {
	await expect(target).toBeVisible();
	for (let presses = 0; presses < maxPresses; presses++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target.toString()}`);
}

export async function tabAndPress(page: Page, target: Locator, key: string): Promise<void> {
	await tabTo(page, target);
	await page.keyboard.press(key);
}

export async function tabAndType(page: Page, target: Locator, text: string): Promise<void> {
	await tabTo(page, target);
	await page.keyboard.type(text);
}

/** Chooses a radio as a keyboard user does: Tab into its group, then arrow keys to it. */
export async function tabToRadio(page: Page, radio: Locator, maxPresses = 150): Promise<void> {
	await expect(radio).toBeVisible();
	const name = await radio.getAttribute('name');
	const inGroup = () =>
		page.evaluate(
			(group) =>
				document.activeElement instanceof HTMLInputElement &&
				document.activeElement.type === 'radio' &&
				document.activeElement.name === group,
			name
		);
	for (let presses = 0; !(await inGroup()); presses++) {
		if (presses === maxPresses) {
			throw new Error(`Tab never reached the group of ${radio.toString()}`);
		}
		await page.keyboard.press('Tab');
	}
	for (let presses = 0; !(await radio.isChecked()); presses++) {
		if (presses === 10) throw new Error(`Arrow keys never reached ${radio.toString()}`);
		await page.keyboard.press('ArrowDown');
	}
	await expect(radio).toBeFocused();
}
