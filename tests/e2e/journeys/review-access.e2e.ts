import { expect, test, type Page } from '@playwright/test';
import data from '../../../src/lib/domain/directory/demo-directory.json' with { type: 'json' };
import { signIn } from '../steps/app';

/** A conversation of the North East team with a high flag, uploaded through the sync API. */
async function uploadNorthEastConcern(page: Page): Promise<string> {
	await signIn(page, 'inspector2@example.test');
	const session = (await (await page.request.get('/api/session')).json()) as {
		user: { id: string };
	};
	const location = data.find((entry) => entry.name === 'Kestrel Rise Residential Home')!;
	const conversationId = crypto.randomUUID();
	const at = new Date().toISOString();
	const change = (seq: number, name: string, args: Record<string, unknown>) => ({
		seq,
		mutationId: crypto.randomUUID(),
		clientTime: at,
		name,
		argsVersion: 1,
		args: { conversationId, ...args }
	});
	const response = await page.request.post('/api/sync/push', {
		data: {
			protocol: 1,
			appVersion: 'test',
			userId: session.user.id,
			deviceId: crypto.randomUUID(),
			sentAt: at,
			mutations: [
				change(1, 'conversation.start', {
					location,
					questionSet: { id: 'adult-social-care', version: 1 },
					startedAt: at
				}),
				change(2, 'answer.set', {
					questionId: '1.1',
					answer: { optionId: 'no', notes: 'Kestrel concern', evidence: [] },
					baseVersion: 0
				}),
				change(3, 'flag.set', {
					questionId: '1.1',
					flag: {
						severity: 'high',
						reason: 'Kestrel concern',
						raisedBy: 'answer',
						status: 'raised'
					}
				})
			]
		}
	});
	expect(response.status(), await response.text()).toBe(200);
	const body = (await response.json()) as { results: Array<{ status: string }> };
	expect(body.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied']);
	return conversationId;
}

test("a manager cannot see or change another team's conversations, flags or export rows", async ({
	browser,
	baseURL
}) => {
	const north = await browser.newContext();
	const id = await uploadNorthEastConcern(await north.newPage());
	await north.close();

	const london = await browser.newContext();
	const manager = await london.newPage();
	await signIn(manager, 'manager@example.test');
	for (const path of [
		`/review/conversations/${id}`,
		`/review/conversations/${id}/summary`,
		`/review/conversations/${id}/flags/1.1`,
		`/review/conversations/${id}/questions/1.1/send-back`,
		`/review/audit.csv?conversation=${id}`
	]) {
		expect((await manager.request.get(path)).status(), path).toBe(404);
	}
	const decide = await manager.request.post(`/review/conversations/${id}/flags/1.1?/decide`, {
		form: { action: 'acknowledge', note: '', expectedVersion: '0' },
		headers: { origin: baseURL! }
	});
	expect(decide.status()).toBe(404);
	const sendBack = await manager.request.post(
		`/review/conversations/${id}/questions/1.1/send-back`,
		{
			form: { comment: 'Look again' },
			headers: { origin: baseURL! }
		}
	);
	expect(sendBack.status()).toBe(404);
	await manager.goto('/review?q=Kestrel');
	await expect(manager.getByTestId('queue-count')).toHaveText('No flags match these filters.');
	const csv = await (await manager.request.get('/review/export.csv')).text();
	expect(csv).not.toContain('Kestrel');
	expect(csv.split('\r\n')[0]).toContain('Flag ID,Location ID,Location');
	const listed = await (await manager.request.get('/review/export.csv?view=conversations')).text();
	expect(listed.split('\r\n')[0]).toContain('Conversation ID,Location ID,Location');
	expect(listed).not.toContain(id);
	const audit = await (await manager.request.get('/review/audit.csv')).text();
	expect(audit.split('\r\n')[0]).toContain('Event ID,When (UK time)');
	expect(audit).not.toContain(id);

	// The administrator sees every team, and the flag is still untouched.
	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	await signIn(adminPage, 'admin@example.test');
	await adminPage.goto(`/review/conversations/${id}/flags/1.1`);
	await expect(adminPage.getByTestId('review-status')).toContainText('Open');
	// Its trail holds the inspector's raising of it and no decision of anyone's.
	const trail = adminPage.getByTestId('audit-trail').locator('tbody tr');
	await expect(trail).toHaveCount(1);
	await expect(trail).toContainText('flag on question 1.1 raised');
	expect(
		await (await adminPage.request.get(`/review/audit.csv?conversation=${id}`)).text()
	).toContain('flag on question 1.1 raised');
	expect(
		await (await adminPage.request.get('/review/export.csv?view=conversations&q=Kestrel')).text()
	).toContain(id);
	const adminCsv = await (await adminPage.request.get('/review/export.csv?q=Kestrel')).text();
	expect(adminCsv).toContain('Kestrel Rise Residential Home');
	await london.close();
	await admin.close();
});
