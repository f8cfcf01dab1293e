import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp } from '../steps/app';
import { CALM_ANSWERS } from '../steps/area-answers';
import {
	answerArea,
	answerEscalation,
	chooseOutcome,
	fillCallDetails,
	startConversation
} from '../steps/conversation';

/** How many pages a PDF Chromium printed has. */
function pdfPages(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test('the printed summary record fits its questions on few A4 pages, each page naming the service, the inspector and its number', async ({
	page
}) => {
	test.setTimeout(180_000);
	await openApp(page);
	const id = await startConversation(page, 'Larkspur');
	await fillCallDetails(page, id);
	for (const area of ['1', '2', '3', '4']) await answerArea(page, id, area, CALM_ANSWERS[area]!);
	await answerEscalation(page, id);
	await chooseOutcome(page, id, 'Managing');
	await page.goto(`/conversations/${id}/check`);
	await page.getByRole('button', { name: 'Complete conversation' }).click();
	await page.waitForURL(new RegExp(`/conversations/${id}/summary\\?completed=1$`));

	await page.emulateMedia({ media: 'print' });
	const header = page.getByTestId('print-header');
	await expect(header).toBeVisible();
	await expect(header).toContainText('Larkspur House Care Home');
	await expect(header).toContainText('Location ID 1-129384756');
	await expect(header).toContainText(/Completed \d{1,2} \w+ \d{4} at \d\d:\d\d/);
	await expect(header).toContainText('Inspector: Ines Inspector');
	await saveScreenshot(page, 'summary-print');
	const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
	expect(pdfPages(pdf)).toBeLessThanOrEqual(3);
	await page.emulateMedia({ media: 'screen' });
	await expect(header).toBeHidden();
	await expect(
		page.getByRole('heading', { name: 'Summary record of our conversation' })
	).toBeVisible();
	await expectNoAxeViolations(page, 'the completed summary record');
	await saveScreenshot(page, 'summary-screen');
	await page.setViewportSize({ width: 360, height: 740 });
	await expectNoAxeViolations(page, 'the completed summary record at 360 px');
	await saveScreenshot(page, 'summary-screen');
});
