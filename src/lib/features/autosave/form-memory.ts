/**
 * Remembers text typed into a form that is not saved until it is submitted (such as the reason
 * for a new flag), so a reload or a closed tab does not lose it. Forgotten once submitted.
 */
const prefix = 'esf-form-memory:';

export function recall(key: string): string {
	try {
		return localStorage.getItem(prefix + key) ?? '';
	} catch {
		return '';
	}
}

export function remember(key: string, text: string): void {
	try {
		if (text === '') localStorage.removeItem(prefix + key);
		else localStorage.setItem(prefix + key, text);
	} catch {
		// Without storage the text still stays on screen.
	}
}

export function forget(key: string): void {
	remember(key, '');
}
