import { expect, test } from '@playwright/test';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes: Buffer) => ({
	width: bytes.readUInt32BE(16),
	height: bytes.readUInt32BE(20)
});

test('the app is installable: a linked manifest with 192 and 512 pixel icons', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({
		name: 'ESF Conversations',
		start_url: '/',
		display: 'standalone'
	});
	const sizes: string[] = [];
	for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
		const response = await request.get(icon.src);
		expect(response.headers()['content-type']).toBe('image/png');
		const { width, height } = pngSize(await response.body());
		expect(`${width}x${height}`).toBe(icon.sizes);
		sizes.push(icon.sizes);
	}
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
});
