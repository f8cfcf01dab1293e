import type { ConversationDb } from './db';
import { openDatabase } from './open-database';

/** Until accounts arrive, everything on this device belongs to one local inspector. */
export const LOCAL_OWNER_ID = 'local';

let opening: Promise<ConversationDb> | undefined;

/** The open database for this page; opened once, on first use. */
export function deviceDatabase(): Promise<ConversationDb> {
	opening ??= openDatabase(LOCAL_OWNER_ID).catch((error: unknown) => {
		opening = undefined;
		throw error;
	});
	return opening;
}
