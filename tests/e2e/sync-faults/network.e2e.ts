import { expect, test, type Route } from '@playwright/test';
import { expectNoAxeViolations, saveScreenshot } from '../steps/accessibility';
import { answerQuestion, startConversation } from '../steps/conversation';
import { openDevice, reopen, type Device } from '../steps/devices';
import { databaseKinds, ServerProcess } from '../steps/server-process';
import { expectSynced } from '../steps/sync';
import { expectSyncInvariants } from '../steps/sync-invariants';

// Scenarios 1, 2, 3, 5, 10, 11 and 19 of the sync fault list (docs/sync-protocol.md).
for (const kind of databaseKinds()) {
	test.describe(`sync through network and server faults on ${kind}`, () => {
		let server: ServerProcess;
		test.beforeEach(async () => {
			server = await ServerProcess.start(kind);
		});
		test.afterEach(async () => {
			await server.dispose();
		});

		const answer = async (
			device: Device,
			id: string,
			questionId: string,
			label: string,
			notes: string
		) => {
			const area = questionId.split('.')[0];
			if (!device.page.url().endsWith(`/areas/${area}`)) {
				await device.page.goto(`/conversations/${id}/areas/${area}`);
			}
			await answerQuestion(device.page, questionId, label, notes);
		};

		test('1 and 2: a lost acknowledgement and a doubled request still apply each change once', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			let pushes = 0;
			await device.page.route('**/api/sync/push', async (route) => {
				pushes += 1;
				if (pushes === 1) {
					// The server commits, then the answer is lost on the way back.
					await route.fetch();
					await route.abort('connectionreset');
				} else {
					const [first] = await Promise.all([route.fetch(), route.fetch()]);
					await route.fulfill({ response: first });
				}
			});
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '1.1', 'Yes', 'Weekly infection control audits');
			await answer(device, id, '1.2', 'Partly', 'Agency staff trained last week');
			await expectSynced(device.page);
			expect(pushes).toBeGreaterThanOrEqual(2);
			await expectSyncInvariants(server, [device]);
		});

		test('3: changes delivered out of order stop at the gap, then all apply once', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			let held = true;
			const gaps: boolean[] = [];
			await device.page.route('**/api/sync/push', async (route) => {
				if (held) return route.abort('internetdisconnected');
				const body = route.request().postDataJSON() as { mutations: unknown[] };
				if (body.mutations.length >= 4) {
					const later = { ...body, mutations: body.mutations.slice(2) };
					const early = await route.fetch({ postData: JSON.stringify(later) });
					gaps.push(((await early.json()) as { gap: boolean }).gap);
				}
				await route.continue();
			});
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '1.1', 'Yes', 'First');
			await answer(device, id, '1.2', 'No', 'Second');
			await answer(device, id, '1.3', 'Yes', 'Third');
			held = false;
			await expectSynced(device.page);
			expect(gaps).toEqual([true]);
			await expectSyncInvariants(server, [device]);
		});

		test('5: a change saved just before the app was closed is uploaded when it opens again', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			const block = (route: Route) => route.abort('internetdisconnected');
			await device.context.route('**/api/sync/push', block);
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '2.1', 'Yes', 'Saved, then the tab was closed');
			await reopen(device, '/');
			await device.context.unroute('**/api/sync/push', block);
			await expectSynced(device.page);
			const [state] = await expectSyncInvariants(server, [device]);
			expect(state!.conversations[0]).toMatchObject({
				answers: { '2.1': { notes: 'Saved, then the tab was closed' } }
			});
		});

		test('10: server errors and timeouts are retried with backoff until everything is uploaded', async ({
			browser
		}) => {
			const device = await openDevice(browser, server, {
				beforeOpen: (context) => context.clock.install()
			});
			let attempts = 0;
			await device.page.route('**/api/sync/push', async (route) => {
				attempts += 1;
				if (attempts <= 10) {
					return route.fulfill({
						status: 503,
						contentType: 'application/json',
						body: JSON.stringify({ code: 'TRY_AGAIN', message: 'The server is busy.' })
					});
				}
				if (attempts <= 13) return route.abort('timedout');
				return route.continue();
			});
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '1.1', 'Yes', 'Uploaded in the end');
			const status = device.page.getByTestId('sync-status');
			// No new changes and no button presses: the timers alone bring it through.
			for (let step = 0; step < 100 && attempts <= 13; step++) {
				await device.page.clock.fastForward('05:00');
				await device.page.waitForTimeout(50);
			}
			await expect(async () => {
				await device.page.clock.fastForward('05:00');
				await expect(status).toHaveAttribute('data-pending', '0', { timeout: 500 });
			}).toPass({ timeout: 30_000 });
			expect(attempts).toBeGreaterThan(13);
			await expectSyncInvariants(server, [device]);
		});

		test('11: a change the server refuses is kept and shown, and the queue goes on', async ({
			browser
		}) => {
			const device = await openDevice(browser, server);
			// Uploads wait until both answers are made, so both changes to 1.2 (choosing the option,
			// typing the notes) are made before the first refusal comes back and undoes the choice.
			let answered: () => void = () => undefined;
			const bothAnswered = new Promise<void>((resolve) => (answered = resolve));
			await device.page.route('**/api/sync/push', async (route) => {
				await bothAnswered;
				const body = route.request().postDataJSON() as {
					mutations: Array<{
						name: string;
						args: { questionId?: string; answer?: { optionId: string } };
					}>;
				};
				for (const mutation of body.mutations) {
					if (mutation.name === 'answer.set' && mutation.args.questionId === '1.2') {
						mutation.args.answer!.optionId = 'not-an-option';
					}
				}
				// A page that navigated while its upload waited has dropped that request.
				await route.continue({ postData: JSON.stringify(body) }).catch(() => undefined);
			});
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '1.2', 'Yes', 'This one is spoiled on the way');
			await answer(device, id, '1.3', 'Yes', 'This one gets through');
			answered();
			await expectSynced(device.page);
			await device.page.goto(`/conversations/${id}`);
			await expect(device.page.getByTestId('rejected-notices')).toContainText(
				'Answer to question 1.2 (“Yes – This one is spoiled on the way”): That answer is not one of the options for question 1.2. (1 earlier change to it refused too.)'
			);
			await expectNoAxeViolations(device.page, 'a conversation with a refused change');
			await saveScreenshot(device.page, 'sync-refused-change');
			await device.page.setViewportSize({ width: 360, height: 740 });
			await expectNoAxeViolations(device.page, 'a refused change on a phone');
			await saveScreenshot(device.page, 'sync-refused-change');
			const [state] = await expectSyncInvariants(server, [device]);
			// Choosing the option and typing the notes were two changes; both were spoiled.
			expect(state!.rejected.map((row) => row.code)).toEqual(['INVALID_OPTION', 'INVALID_OPTION']);
			expect(state!.conversations[0]).toMatchObject({
				answers: { '1.3': { notes: 'This one gets through' } }
			});
		});

		test('19: the server killed in the middle of an upload loses nothing and applies nothing twice', async ({
			browser
		}) => {
			// The app keeps working while its server is down, so it must be installed for offline use.
			const device = await openDevice(browser, server, { offline: true });
			let killed = false;
			await device.page.route('**/api/sync/push', async (route) => {
				if (killed) return route.continue();
				killed = true;
				const delivered = route.fetch().catch(() => undefined);
				await new Promise((resolve) => setTimeout(resolve, 5));
				await server.kill9();
				await delivered;
				await route.abort('connectionreset');
			});
			const id = await startConversation(device.page, 'Larkspur');
			await answer(device, id, '3.1', 'Yes', 'Safeguarding lead in post');
			await expect(device.page.getByTestId('sync-status')).not.toHaveAttribute(
				'data-phase',
				'synced'
			);
			expect(killed).toBe(true);
			await server.restart();
			await expectSynced(device.page);
			await expectSyncInvariants(server, [device]);
		});
	});
}
