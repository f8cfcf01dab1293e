import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { question, startConversation } from '../steps/conversation';
import { openDevice, type Device } from '../steps/devices';
import { databaseKinds, ServerProcess } from '../steps/server-process';
import { expectSynced } from '../steps/sync';
import { expectSyncInvariants } from '../steps/sync-invariants';

const notesOf = (device: Device, questionId: string) =>
	question(device.page, questionId).getByLabel('Notes');

async function typeNotes(device: Device, id: string, questionId: string, text: string) {
	await device.page.goto(`/conversations/${id}/areas/1?question=${questionId}`);
	await notesOf(device, questionId).fill(text);
	await expect(device.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

// Two devices edit the same notes offline: the device that loses is told, its form shows the
// winning text at once, and what its person types next builds on that text, never over it.
for (const kind of databaseKinds()) {
	test.describe(`typing on after a conflict on ${kind}`, () => {
		let server: ServerProcess;
		test.beforeEach(async () => {
			server = await ServerProcess.start(kind);
		});
		test.afterEach(async () => {
			await server.dispose();
		});

		test('the losing device shows the winner at once, and typing on never overwrites it unseen', async ({
			browser
		}) => {
			test.setTimeout(240_000);
			const laptop = await openDevice(browser, server, { offline: true });
			const phone = await openDevice(browser, server, { offline: true });
			await phone.page.setViewportSize({ width: 360, height: 740 });
			const id = await startConversation(laptop.page, 'Larkspur');
			await expectSynced(laptop.page);
			await phone.page.goto('/');
			await expectSynced(phone.page);

			// The phone edits first and the laptop later, both offline; the laptop uploads first.
			await laptop.context.setOffline(true);
			await phone.context.setOffline(true);
			await typeNotes(phone, id, '1.1', 'Phone: first version');
			await phone.page.waitForTimeout(400);
			await typeNotes(laptop, id, '1.1', 'Laptop: later version');
			await laptop.context.setOffline(false);
			await expectSynced(laptop.page);

			// The phone comes back with the form open: its earlier change loses, it is told, and the
			// form shows the laptop's text without a reload.
			await phone.context.setOffline(false);
			await expectSynced(phone.page);
			await expect(notesOf(phone, '1.1')).toHaveValue('Laptop: later version');
			await expect(phone.page.getByTestId('conflict-notices')).toContainText(
				'Phone: first version” was replaced by “no option chosen – Laptop: later version”'
			);
			await expectNoAxeViolations(phone.page, 'a question after losing a conflict, at 360px');
			await saveScreenshot(phone.page, 'conflict-lost-phone');

			// Typing on builds on what is shown, so the laptop's text stays.
			await notesOf(phone, '1.1').press('End');
			await notesOf(phone, '1.1').pressSequentially(', checked on the phone');
			await expect(phone.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
			await expectSynced(phone.page);
			await expectSynced(laptop.page);
			await expect(notesOf(laptop, '1.1')).toHaveValue(
				'Laptop: later version, checked on the phone'
			);

			// The other way round: the laptop's change loses, and the laptop is told.
			await laptop.context.setOffline(true);
			await phone.context.setOffline(true);
			await typeNotes(laptop, id, '1.2', 'Laptop: first this time');
			await laptop.page.waitForTimeout(400);
			await typeNotes(phone, id, '1.2', 'Phone: later this time');
			await laptop.context.setOffline(false);
			await expectSynced(laptop.page);
			await phone.context.setOffline(false);
			await expectSynced(phone.page);
			await expectSynced(laptop.page);
			await expect(notesOf(laptop, '1.2')).toHaveValue('Phone: later this time');
			await expect(laptop.page.getByTestId('conflict-notices')).toContainText(
				'Laptop: first this time” was replaced by “no option chosen – Phone: later this time”'
			);
			const [state] = await expectSyncInvariants(server, [laptop, phone]);
			expect(state!.conversations[0]).toMatchObject({
				answers: {
					'1.1': { notes: 'Laptop: later version, checked on the phone' },
					'1.2': { notes: 'Phone: later this time' }
				}
			});
		});
	});
}
