import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core against WCAG 2.2 A and AA rules and fails with every violation listed. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const violations = results.violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => `${node.target.join(' ')}${process.env.AXE_DETAIL ? ` [${node.any.map((check) => check.message).join('; ')}]` : ''}`).join(', ')}`
	);
	expect(violations, `axe violations on ${where}`).toEqual([]);
}

/** Saves a full-page screenshot under test-results/screenshots for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
	const { width } = page.viewportSize() ?? { width: 0 };
	await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true });
}
