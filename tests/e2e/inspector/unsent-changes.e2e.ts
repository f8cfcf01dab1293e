import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { openApp } from '../steps/app';
import { answerQuestion, startConversation } from '../steps/conversation';
import { expectSynced, readServer } from '../steps/sync';

for (const viewport of [
	{ width: 360, height: 740 },
	{ width: 1280, height: 800 }
]) {
	test(`a device that cannot upload hands its changes over in a file, uploaded once only, at ${viewport.width}px`, async ({
		browser
	}, testInfo) => {
		test.setTimeout(180_000);
		// The device whose sync is broken: its changes wait offline.
		const broken = await browser.newContext({ viewport, acceptDownloads: true });
		const device = await broken.newPage();
		await openApp(device);
		const id = await startConversation(device, 'Larkspur');
		await expectSynced(device);
		await broken.setOffline(true);
		await device.goto(`/conversations/${id}/areas/1?question=1.1`);
		await answerQuestion(device, '1.1', 'No', 'Handed over in a file');
		await device.goto('/about');
		await device.getByRole('button', { name: 'Download changes not yet uploaded' }).click();
		const downloading = device.waitForEvent('download');
		await device.getByRole('link', { name: /Save the file of \d+ changes/ }).click();
		const file = testInfo.outputPath('unsent-changes.json');
		await (await downloading).saveAs(file);
		await expectNoAxeViolations(device, `about page with unsent changes at ${viewport.width}px`);
		await saveScreenshot(device, 'about-unsent-changes');

		// Another browser of the same person uploads it.
		const other = await browser.newContext({ viewport });
		const helper = await other.newPage();
		await openApp(helper, '/about');
		await helper.getByLabel('Upload from a file').setInputFiles(file);
		await helper.getByRole('button', { name: 'Upload changes from the file' }).click();
		await expect(
			helper.getByText(/The server now holds the \d+ changes in the file/)
		).toBeVisible();
		const uploaded = (await readServer(helper)).find((conversation) => conversation.id === id);
		expect(uploaded).toMatchObject({
			answers: { '1.1': { optionId: 'no', notes: 'Handed over in a file' } }
		});

		// The same file again, and the device itself once it is online, change nothing.
		const serverBefore = await helper.request.post('/api/sync/pull', {
			data: await pullOf(helper)
		});
		await helper.getByLabel('Upload from a file').setInputFiles(file);
		await helper.getByRole('button', { name: 'Upload changes from the file' }).click();
		await expect(
			helper.getByText(/The server now holds the \d+ changes in the file/)
		).toBeVisible();
		await broken.setOffline(false);
		await expectSynced(device);
		const serverAfter = await helper.request.post('/api/sync/pull', {
			data: await pullOf(helper)
		});
		expect(versionOf(await serverAfter.json(), id)).toBe(versionOf(await serverBefore.json(), id));

		// Another person's file, and a file that is not one, are refused with a reason.
		const stranger = await browser.newContext({ viewport });
		const theirs = await stranger.newPage();
		await openApp(theirs, '/about', 'inspector2@example.test');
		await theirs.getByLabel('Upload from a file').setInputFiles(file);
		await theirs.getByRole('button', { name: 'Upload changes from the file' }).click();
		await expect(theirs.locator('.govuk-error-summary')).toContainText(
			'This file holds another person’s changes'
		);
		const notAFile = testInfo.outputPath('notes.json');
		writeFileSync(notAFile, '{"hello": "world"}');
		await theirs.getByLabel('Upload from a file').setInputFiles(notAFile);
		await theirs.getByRole('button', { name: 'Upload changes from the file' }).click();
		await expect(theirs.locator('.govuk-error-summary')).toContainText(
			'This file is not a file of unsent changes from this app'
		);
		await expectNoAxeViolations(theirs, `about page with an upload error at ${viewport.width}px`);
		for (const context of [broken, other, stranger]) await context.close();
	});
}

async function pullOf(page: import('@playwright/test').Page) {
	const userId = await page.evaluate(
		() => (JSON.parse(localStorage.getItem('esf-device-user')!) as { user: { id: string } }).user.id
	);
	return { protocol: 1, userId, deviceId: crypto.randomUUID(), cursor: 0, questionSets: [] };
}

function versionOf(body: { conversations: Array<{ id: string; version: number }> }, id: string) {
	return body.conversations.find((conversation) => conversation.id === id)?.version;
}
