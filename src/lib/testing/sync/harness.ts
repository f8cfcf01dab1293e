/**
 * Devices and a server in one process for sync tests: the real client sync code on
 * fake-indexeddb, talking through a transport that serialises every request and response as
 * JSON and calls the real server code on PGlite or PostgreSQL. Faults are injected per request.
 */
import type { ConversationId } from '$lib/domain/ids';
import type { Mutation } from '$lib/domain/conversation/mutation.schema';
import { BUNDLED_QUESTION_SETS } from '$lib/domain/question-sets/bundled';
import {
	pullRequestSchema,
	pushRequestSchema,
	type PullRequest,
	type PushRequest
} from '$lib/domain/sync/sync-protocol.schema';
import { ConversationDb } from '$lib/client/db/db';
import { readDeviceId } from '$lib/client/db/meta';
import { recordChanges } from '$lib/client/db/record-changes';
import { seedReferenceData } from '$lib/client/db/reference.repo';
import { runSyncCycle } from '$lib/client/sync/sync-cycle';
import type { SyncTransport, TransportResult } from '$lib/client/sync/transport';
import type { DatabaseHandle } from '$lib/server/db/database';
import { insertUser } from '$lib/server/repos/users.repo';
import { pullChanges } from '$lib/server/sync/pull';
import { pushChanges, type SyncUser } from '$lib/server/sync/push';

/** What happens to one request: delivered, lost before or after the server ran it, or sent twice. */
export type Delivery = 'deliver' | 'lose-request' | 'lose-response' | 'duplicate' | 'server-error';
export type FaultPlan = (kind: 'push' | 'pull', request: PushRequest | PullRequest) => Delivery;

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const unreachable = {
	ok: false as const,
	failure: { kind: 'unreachable' as const, message: 'lost' }
};

export function inProcessTransport(
	server: DatabaseHandle,
	user: () => SyncUser,
	faults: FaultPlan = () => 'deliver'
): SyncTransport {
	async function call<Req extends PushRequest | PullRequest, Res>(
		kind: 'push' | 'pull',
		request: Req,
		run: (request: Req) => Promise<{ ok: true; response: Res } | { ok: false; message: string }>
	): Promise<TransportResult<Res>> {
		const sent = wire(request);
		const delivery = faults(kind, sent);
		if (delivery === 'lose-request' || delivery === 'server-error') return unreachable;
		const once = () =>
			run(sent).then((outcome) =>
				outcome.ok
					? { ok: true as const, body: wire(outcome.response) }
					: { ok: false as const, failure: { kind: 'refused' as const, message: outcome.message } }
			);
		if (delivery === 'duplicate') {
			const [first] = await Promise.all([once(), once()]);
			return first;
		}
		const result = await once();
		return delivery === 'lose-response' ? unreachable : result;
	}
	return {
		push: (request) =>
			call('push', request, (sent) =>
				pushChanges(server.db, user(), pushRequestSchema.parse(sent))
			),
		pull: (request) =>
			call('pull', request, (sent) => pullChanges(server.db, user(), pullRequestSchema.parse(sent)))
	};
}

/** An inspector account; it never signs in, so its password hash is a placeholder. */
export async function createInspector(server: DatabaseHandle, email: string): Promise<SyncUser> {
	const user = await insertUser(server.db, {
		email,
		name: email,
		role: 'inspector',
		passwordHash: 'not-used'
	});
	return { id: user.id, teamId: null };
}

/** One browser profile of one person. `restart` closes and reopens its database. */
export class TestDevice {
	db: ConversationDb;
	faults: FaultPlan = () => 'deliver';
	clockOffsetMs = 0;
	pageSize: number | undefined;
	readonly transport: SyncTransport;

	constructor(
		readonly server: DatabaseHandle,
		readonly user: SyncUser,
		readonly name = `device-${crypto.randomUUID()}`
	) {
		this.db = new ConversationDb(name);
		this.transport = inProcessTransport(
			server,
			() => this.user,
			(kind, request) => this.faults(kind, request)
		);
	}

	async open(): Promise<this> {
		await this.db.open();
		await readDeviceId(this.db);
		await seedReferenceData(this.db);
		return this;
	}

	async restart(): Promise<void> {
		this.db.close();
		this.db = new ConversationDb(this.name);
		await this.open();
	}

	async record(conversationId: ConversationId, ...mutations: Mutation[]) {
		const recorded = await recordChanges(this.db, {
			conversationId,
			questionSet: BUNDLED_QUESTION_SETS[0]!,
			changes: () => mutations
		});
		return recorded.conversation;
	}

	sync() {
		return runSyncCycle(this.db, this.transport, {
			appVersion: 'test',
			userId: this.user.id,
			pageSize: this.pageSize,
			now: () => new Date(Date.now() + this.clockOffsetMs)
		});
	}

	/** Syncs until a cycle succeeds with nothing left to upload. */
	async settle(limit = 20): Promise<void> {
		for (let round = 0; round < limit; round++) {
			const report = await this.sync();
			if (report.ok && (await this.db.outbox.where('state').equals('pending').count()) === 0) {
				return;
			}
		}
		throw new Error(`${this.name} did not settle`);
	}
}
