import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { signIn } from '../steps/app';
import { answerQuestion, question, startConversation } from '../steps/conversation';
import { openDevice, reopen, type Device } from '../steps/devices';
import { databaseKinds, ServerProcess } from '../steps/server-process';
import { expectSynced, readDevice } from '../steps/sync';
import { expectSyncInvariants } from '../steps/sync-invariants';

const DAY = 24 * 3600 * 1000;

async function answer(page: Page, id: string, questionId: string, label: string, notes: string) {
	const area = questionId.split('.')[0];
	if (!page.url().endsWith(`/areas/${area}`)) await page.goto(`/conversations/${id}/areas/${area}`);
	await answerQuestion(page, questionId, label, notes);
}

/** Opens the conversation on a device that has not seen it yet, by syncing. */
async function pickUp(device: Device, id: string) {
	await device.page.goto('/');
	await expectSynced(device.page);
	await device.page.goto(`/conversations/${id}`);
}

// Scenarios 7, 8, 9, 12, 15 and 21 of the sync fault list (docs/sync-protocol.md).
for (const kind of databaseKinds()) {
	test.describe(`sync across devices, tabs and time on ${kind}`, () => {
		let server: ServerProcess;
		test.beforeEach(async () => {
			server = await ServerProcess.start(kind);
		});
		test.afterEach(async () => {
			await server.dispose();
		});

		test('7: a month offline with 1,000 changes and three restarts uploads everything in order', async ({
			browser
		}) => {
			test.setTimeout(360_000);
			const start = Date.now() - 30 * DAY;
			const device = await openDevice(browser, server, {
				offline: true,
				beforeOpen: (context) => context.clock.install({ time: start })
			});
			const id = await startConversation(device.page, 'Larkspur');
			await device.context.setOffline(true);
			for (let round = 0; round < 4; round++) {
				if (round > 0) {
					await device.context.clock.setSystemTime(start + round * 10 * DAY);
					await reopen(device);
				}
				await device.page.goto(`/conversations/${id}/areas/1`);
				await expect(question(device.page, '1.1').getByLabel('Notes')).toBeVisible();
				await device.page.evaluate(async (round) => {
					const notes = document.querySelector<HTMLTextAreaElement>(
						'[data-question-id="1.1"] textarea'
					)!;
					const status = document.querySelector('[data-testid="save-status"]')!;
					for (let edit = 0; edit < 250; edit++) {
						notes.value = `Day ${round * 10}, edit ${edit}`;
						notes.dispatchEvent(new Event('input', { bubbles: true }));
						// Each edit is written before the next, so every one is a change of its own.
						do await new Promise((resolve) => setTimeout(resolve, 0));
						while (status.getAttribute('data-state') !== 'saved');
					}
				}, round);
				await expect(device.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
			}
			expect((await readDevice(device.page)).outbox.length).toBeGreaterThan(1_000);
			await device.context.clock.setSystemTime(Date.now());
			await device.context.setOffline(false);
			const [state] = await expectSyncInvariants(server, [device]);
			expect(state!.conversations[0]).toMatchObject({
				answers: { '1.1': { notes: 'Day 30, edit 249' } }
			});
		});

		test('8: two devices change the same answer offline; both end with the same winner and the loser is told', async ({
			browser
		}) => {
			const [a, b] = [
				await openDevice(browser, server, { offline: true }),
				await openDevice(browser, server, { offline: true })
			];
			const id = await startConversation(a.page, 'Larkspur');
			await expectSynced(a.page);
			await pickUp(b, id);
			await a.context.setOffline(true);
			await b.context.setOffline(true);
			await answer(a.page, id, '1.1', 'Yes', 'From device A, first');
			await answer(b.page, id, '1.1', 'No', 'From device B, later');
			for (const device of [a, b]) await device.context.setOffline(false);
			await expectSynced(a.page);
			await expectSynced(b.page);
			await expectSynced(a.page);
			await a.page.goto(`/conversations/${id}`);
			await expect(a.page.getByTestId('conflict-notices')).toContainText(
				'Your answer “Yes – From device A, first” was replaced by'
			);
			await expectNoAxeViolations(a.page, 'a conversation with a conflict notice');
			await saveScreenshot(a.page, 'sync-conflict-notice');
			const states = await expectSyncInvariants(server, [a, b]);
			for (const state of states) {
				expect(state.conversations[0]).toMatchObject({
					answers: { '1.1': { optionId: 'no', notes: 'From device B, later' } }
				});
			}
		});

		test('9: wrong device clocks do not decide the order of changes', async ({ browser }) => {
			const fast = await openDevice(browser, server, {
				offline: true,
				beforeOpen: (context) => context.clock.install({ time: Date.now() + 2 * DAY })
			});
			const slow = await openDevice(browser, server, {
				beforeOpen: (context) => context.clock.install({ time: Date.now() - 3 * 3600 * 1000 })
			});
			const id = await startConversation(fast.page, 'Larkspur');
			await expectSynced(fast.page);
			await pickUp(slow, id);
			await fast.context.setOffline(true);
			await answer(fast.page, id, '2.1', 'Yes', 'Clock two days fast, changed first');
			await answer(slow.page, id, '2.1', 'No', 'Clock three hours slow, changed later');
			await fast.context.setOffline(false);
			const states = await expectSyncInvariants(server, [fast, slow]);
			for (const state of states) {
				expect(state.conversations[0]).toMatchObject({
					answers: { '2.1': { notes: 'Clock three hours slow, changed later' } }
				});
			}
		});

		test('12: an ended session pauses uploads; another person never uploads the queue; signing in again resumes', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			await device.page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'));
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device.page, id, '1.1', 'Yes', 'Waiting for sign-in');
			const { deviceId } = await readDevice(device.page);
			await device.context.clearCookies();
			await device.page.unroute('**/api/sync/push');
			const status = device.page.getByTestId('sync-status');
			// The sender finds out at its next try; "Sync now" makes that sooner while it is shown.
			await expect(async () => {
				const syncNow = status.getByRole('button', { name: 'Sync now' });
				if (await syncNow.isVisible()) await syncNow.click({ timeout: 1_000 }).catch(() => {});
				await expect(status).toHaveAttribute('data-phase', 'signed-out', { timeout: 1_000 });
			}).toPass({ timeout: 20_000 });
			await expect(status).toContainText(/Sign in to upload \d+ changes/);
			await expect(status.getByRole('link', { name: 'Sign in' })).toBeVisible();

			await signIn(device.page, 'inspector2@example.test');
			await device.page.goto('/');
			await expectSynced(device.page);
			await expect(
				device.page.getByText('There are no conversations on this device yet.')
			).toBeVisible();

			await signIn(device.page, 'inspector@example.test');
			await device.page.goto('/');
			const [state] = await expectSyncInvariants(server, [device]);
			expect(state!.deviceId).toBe(deviceId);
			const owners = await server.query<{ email: string }>(
				`select u.email from sync_mutations m join sync_devices d using (device_id) join users u on u.id = d.user_id where m.device_id = '${deviceId}' group by u.email`
			);
			expect(owners).toEqual([{ email: 'inspector@example.test' }]);
		});

		test('15: three tabs write at once; one sends; when it closes another takes over', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			const id = await startConversation(device.page, 'Larkspur');
			// The first tab opens first, so it holds the sending lock; no tab reloads after this.
			await device.page.goto(`/conversations/${id}/areas/1`);
			const tabs = [device.page, await device.context.newPage(), await device.context.newPage()];
			const pushes = [0, 0, 0];
			tabs.forEach((tab, index) =>
				tab.on('request', (request) => {
					if (request.url().endsWith('/api/sync/push')) pushes[index]! += 1;
				})
			);
			for (const tab of tabs.slice(1)) await tab.goto(`/conversations/${id}/areas/1`);
			await Promise.all(
				tabs.map((tab, index) => answer(tab, id, `1.${index + 1}`, 'Yes', `From tab ${index + 1}`))
			);
			await expectSynced(tabs[1]!);
			expect(pushes[0]).toBeGreaterThan(0);
			expect(pushes.slice(1)).toEqual([0, 0]);

			await tabs[0]!.close({ runBeforeUnload: false });
			await answer(tabs[1]!, id, '1.4', 'Yes', 'After the sending tab closed');
			await expect.poll(() => pushes[1]! + pushes[2]!, { timeout: 5_000 }).toBeGreaterThan(0);
			device.page = tabs[1]!;
			const [state] = await expectSyncInvariants(server, [device]);
			expect(Object.keys(state!.conversations[0]!.answers as object).sort()).toEqual([
				'1.1',
				'1.2',
				'1.3',
				'1.4'
			]);
		});

		test('21: a paged download while two devices upload skips no change', async ({ browser }) => {
			test.setTimeout(240_000);
			const [a, b, reader] = [
				await openDevice(browser, server),
				await openDevice(browser, server),
				await openDevice(browser, server)
			];
			await reader.page.route('**/api/sync/pull', (route) =>
				route.continue({
					postData: JSON.stringify({ ...route.request().postDataJSON(), limit: 1 })
				})
			);
			let writing = true;
			const write = async (device: Device, search: string) => {
				for (let n = 0; n < 2; n++) {
					const id = await startConversation(device.page, search);
					await answer(device.page, id, '1.1', 'Yes', `${search} ${n}`);
				}
			};
			const read = async () => {
				while (writing) {
					await reader.page
						.getByTestId('sync-status')
						.getByRole('button', { name: 'Sync now' })
						.click();
					await reader.page.waitForTimeout(200);
				}
			};
			const reading = read();
			await Promise.all([write(a, 'Larkspur'), write(b, 'Hackney')]);
			writing = false;
			await reading;
			const states = await expectSyncInvariants(server, [a, b, reader]);
			expect(states[2]!.conversations).toHaveLength(4);
		});
	});
}
