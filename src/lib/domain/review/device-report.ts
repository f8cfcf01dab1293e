/** A device as it last reported itself to the server, as its inspector's managers see it. */
export type DeviceReport = {
	deviceId: string;
	/** "Chrome on Android", from its user agent. */
	label: string;
	lastUploadAt: Date | null;
	reportedAt: Date | null;
	waitingChanges: number | null;
	oldestWaitingAt: Date | null;
	storagePersisted: boolean | null;
	/** It has held a change for more than a day. */
	atRisk: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Changes that have waited on a device for more than a day: one cleared browser and they are lost. */
export const heldTooLong = (
	waitingChanges: number | null,
	oldestWaitingAt: Date | null,
	now: Date
): boolean =>
	(waitingChanges ?? 0) > 0 &&
	oldestWaitingAt !== null &&
	now.getTime() - oldestWaitingAt.getTime() > DAY_MS;
