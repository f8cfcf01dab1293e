/** A time of day as people in the UK read it, for "try again after" messages. */
export const untilTime = (at: Date): string =>
	at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
