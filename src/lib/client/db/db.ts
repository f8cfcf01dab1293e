/**
 * The device's database, one per signed-in person (the name carries their id), so one person's
 * conversations never mix with another's on a shared device.
 *
 * Invariants:
 * - Versions are integers and only ever appended to SCHEMA_VERSIONS; an upgrade may add tables
 *   and indexes and migrate rows, but never drops `outbox`, `rejected` or their rows.
 * - Writes use strict durability, so "Saved on this device" means the data reached the disk.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import { upgradeChange } from '$lib/domain/conversation/mutation-upgrades';
import type { Location } from '$lib/domain/directory/location.schema';
import type { QuestionSet } from '$lib/domain/question-sets/question-set.schema';
import type { ServerConversation } from '$lib/domain/sync/sync-protocol.schema';
import type {
	ConflictEntry,
	DraftRow,
	MetaRow,
	OutboxEntry,
	RejectedEntry,
	StoredConversation
} from './tables';

export type SchemaVersion = {
	version: number;
	stores: Record<string, string | null>;
	/** Rewrites rows an older app wrote, in the upgrade's own transaction. */
	upgrade?: (tx: Transaction) => Promise<unknown>;
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: {
			meta: 'key',
			outbox: 'seq, &mutationId, state, conversationId',
			rejected: 'mutationId, seq, conversationId',
			conflicts: '++id, mutationId, conversationId',
			serverConversations: 'id',
			conversations: 'id, status, updatedAt',
			locations: 'locationId, providerId, postcode, region, name',
			questionSets: '[id+version], id, sector'
		}
	},
	{ version: 2, stores: { drafts: 'key, conversationId' } },
	{
		// Queued answer changes move their baseVersion from args to the envelope (argsVersion 2).
		version: 3,
		stores: {},
		upgrade: async (tx) => {
			await tx
				.table('outbox')
				.toCollection()
				.modify((entry: OutboxEntry, ref: { value: OutboxEntry }) => {
					ref.value = upgradeChange(entry);
				});
			await tx
				.table('rejected')
				.toCollection()
				.modify((row: RejectedEntry) => {
					row.entry = upgradeChange(row.entry);
				});
		}
	}
];

/** The server's copy, with the last of this device's changes its snapshot contained. */
export type ConfirmedConversation = ServerConversation & { seenSeq?: number };

export class ConversationDb extends Dexie {
	meta!: Table<MetaRow, string>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	rejected!: EntityTable<RejectedEntry, 'mutationId'>;
	conflicts!: EntityTable<ConflictEntry, 'id'>;
	/** Conversations exactly as the server last confirmed them; only a pull writes here. */
	serverConversations!: EntityTable<ConfirmedConversation, 'id'>;
	/** What the inspector sees: the server's copy with the changes still waiting in the outbox. */
	conversations!: EntityTable<StoredConversation, 'id'>;
	/** What forms show that the record cannot hold yet; written only by recordChanges. */
	drafts!: EntityTable<DraftRow, 'key'>;
	locations!: EntityTable<Location, 'locationId'>;
	questionSets!: Table<QuestionSet, [string, number]>;

	constructor(
		name: string,
		options: {
			versions?: readonly SchemaVersion[];
			indexedDB?: IDBFactory;
			IDBKeyRange?: typeof IDBKeyRange;
		} = {}
	) {
		super(name, {
			chromeTransactionDurability: 'strict',
			...(options.indexedDB
				? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange }
				: {})
		});
		for (const { version, stores, upgrade } of options.versions ?? SCHEMA_VERSIONS) {
			const step = this.version(version).stores(stores);
			if (upgrade) step.upgrade(upgrade);
		}
	}
}

export function databaseName(ownerId: string): string {
	return `esf-conversations-${ownerId}`;
}
