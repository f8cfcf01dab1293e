const UK = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
	timeZoneName: 'longOffset'
});

/** "2026-07-01 14:05:09 +01:00": UK time with its offset from UTC, so no one has to guess. */
export function ukTimeWithOffset(at: Date): string {
	const part = Object.fromEntries(UK.formatToParts(at).map(({ type, value }) => [type, value]));
	const offset = part.timeZoneName === 'GMT' ? '+00:00' : part.timeZoneName!.slice(3);
	return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${offset}`;
}
