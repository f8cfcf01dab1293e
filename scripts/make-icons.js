// Draws the app icons from static/favicon.svg with the system Chromium. Run after changing the
// artwork: node scripts/make-icons.js
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const svg = await readFile(new URL('../static/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox']
});
const page = await browser.newPage();
for (const { size, file, padding } of [
	{ size: 192, file: 'icon-192.png', padding: 0 },
	{ size: 512, file: 'icon-512.png', padding: 0 },
	// Maskable icons keep their artwork inside the central safe zone.
	{ size: 512, file: 'icon-512-maskable.png', padding: 0.1 }
]) {
	await page.setViewportSize({ width: size, height: size });
	const inset = Math.round(size * padding);
	await page.setContent(
		`<body style="margin:0;background:#1d70b8"><div style="padding:${inset}px">${svg.replace('<svg ', `<svg width="${size - 2 * inset}" height="${size - 2 * inset}" `)}</div></body>`
	);
	await page.screenshot({
		path: new URL(`../static/icons/${file}`, import.meta.url).pathname,
		omitBackground: false
	});
}
await browser.close();
