// National-scale data for measuring the managers' review queue:
//   npm run seed:scale [-- --url postgres://… ] [--scale 0.01]
//
// Makes 9 regional teams (one per region, each with a manager and 20 inspectors), 20,000
// fictional locations, enough conversations over the last 2 years to hold exactly 1,000,000
// answers (no conversation has more than 15 questions, so that is about 77,000 of them, 2 to 6
// per location) and exactly 100,000 risk flags, with managers' decisions on most older flags.
// `--scale` shrinks locations, answers and flags together (the teams stay). Every name and email
// starts with "scale-", so the data is easy to tell apart and a re-run first wipes what an earlier
// run made. The PRNG is seeded, so every run on the same day makes the same rows.
// Not written: the locations directory table (the locations live only in the conversations) and
// answer_history (the review queue does not read it).
//
// The database is chosen as the server chooses it: DATABASE_URL (or --url) for PostgreSQL, else
// the embedded PGlite database in DATA_DIR (default ./data; stop the server first). The accounts
// cannot sign in: their password hash is a placeholder that is not an argon2 hash.
import { parseArgs } from 'node:util';
import {
	and,
	count,
	eq,
	getTableColumns,
	inArray,
	isNotNull,
	like,
	lt,
	ne,
	sql
} from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
	emptyConversationFields,
	type Answer,
	type ConversationFields,
	type Evidence,
	type Flag,
	type Severity
} from '$lib/domain/conversation/conversation.schema';
import { questionRowId, conversationIdFrom, type ConversationId } from '$lib/domain/ids';
import { REGIONS, type Location, type Region } from '$lib/domain/directory/location.schema';
import { BUNDLED_QUESTION_SETS, latestQuestionSetFor } from '$lib/domain/question-sets/bundled';
import type { Concern, Question, Sector } from '$lib/domain/question-sets/question-set.schema';
import {
	ESCALATION_TARGETS,
	type FlagDecision,
	type ReviewStatus
} from '$lib/domain/review/flag-review.schema';
import { toRows, type FlagRow, type StoredConversation } from '$lib/server/conversations/rows';
import { DataFolderInUseError } from '$lib/server/db/data-folder-lock';
import type { Database } from '$lib/server/db/database';
import {
	answerHistory,
	answers,
	conversations,
	flags,
	questionReturns,
	reviewEvents,
	syncDevices,
	syncMutations,
	teams,
	userChangeCounters,
	users
} from '$lib/server/db/schema';
import { readEnvironment } from '$lib/server/env';
import { startServer } from '$lib/server/startup';

const FULL_SCALE = { locations: 20_000, answers: 1_000_000, flags: 100_000 };
const INSPECTORS_PER_TEAM = 20;
const PREFIX = 'scale-';
const EMAIL_DOMAIN = '@scale.invalid';
/** Not an argon2 PHC string, so no password ever matches it. */
const NO_SIGN_IN_HASH = 'scale-seed-account-cannot-sign-in';
const DAY = 86_400_000;
const HISTORY_DAYS = 730;
/** Conversations in one transaction: each holds about 13 answers. */
const CHUNK_CONVERSATIONS = 2_000;
/** Rows per INSERT statement. */
const ROWS_PER_INSERT = 5_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

type Random = () => number;

/** mulberry32: small, fast and good enough for test data. */
function mulberry32(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const intBetween = (random: Random, min: number, max: number) =>
	min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, list: readonly T[]): T =>
	list[Math.floor(random() * list.length)]!;
const chance = (random: Random, p: number) => random() < p;

function weighted<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
	const entries = Object.entries(weights) as [T, number][];
	let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
	for (const [value, weight] of entries) {
		roll -= weight;
		if (roll < 0) return value;
	}
	return entries[entries.length - 1]![0];
}

/** A UUID version 7 for the time `ms`, its random part from the PRNG. */
function seededUuid(random: Random, ms: number): string {
	const hex = (digits: number) =>
		Math.floor(random() * 16 ** digits)
			.toString(16)
			.padStart(digits, '0');
	const time = Math.floor(ms).toString(16).padStart(12, '0');
	const variant = (8 + Math.floor(random() * 4)).toString(16);
	return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
}

/** Picks `k` distinct items of `list` (partial Fisher–Yates on a copy). */
function sample(random: Random, list: Int32Array, k: number): Int32Array {
	const copy = list.slice();
	for (let i = 0; i < k; i++) {
		const j = i + Math.floor(random() * (copy.length - i));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy.subarray(0, k);
}

// ---------------------------------------------------------------------------------------------
// Reference data

const REGION_SHARE: Record<Region, number> = {
	London: 0.14,
	'North East': 0.07,
	'North West': 0.13,
	'South East': 0.16,
	'South West': 0.1,
	East: 0.11,
	'East Midlands': 0.09,
	'West Midlands': 0.1,
	'Yorkshire & Humberside': 0.1
};

const REGION_PLACES: Record<Region, { postcodeAreas: string[]; authorities: string[] }> = {
	London: {
		postcodeAreas: ['E', 'N', 'NW', 'SE', 'SW', 'W', 'CR', 'EN', 'HA', 'BR'],
		authorities: ['Camden', 'Croydon', 'Barnet', 'Lambeth', 'Hackney', 'Ealing', 'Bromley']
	},
	'North East': {
		postcodeAreas: ['NE', 'DH', 'SR', 'TS', 'DL'],
		authorities: ['Newcastle upon Tyne', 'Durham', 'Sunderland', 'Middlesbrough', 'Gateshead']
	},
	'North West': {
		postcodeAreas: ['M', 'L', 'WA', 'PR', 'BB', 'CH', 'LA', 'OL'],
		authorities: ['Manchester', 'Liverpool', 'Lancashire', 'Cheshire East', 'Cumberland']
	},
	'South East': {
		postcodeAreas: ['BN', 'GU', 'RH', 'OX', 'ME', 'CT', 'TN', 'SO', 'PO', 'RG'],
		authorities: ['Kent', 'Surrey', 'Hampshire', 'Oxfordshire', 'West Sussex', 'Brighton and Hove']
	},
	'South West': {
		postcodeAreas: ['BS', 'EX', 'PL', 'TQ', 'BA', 'TA', 'GL', 'TR'],
		authorities: ['Bristol', 'Devon', 'Cornwall', 'Somerset', 'Gloucestershire', 'Plymouth']
	},
	East: {
		postcodeAreas: ['CB', 'NR', 'IP', 'CM', 'CO', 'LU', 'SG', 'PE'],
		authorities: ['Norfolk', 'Suffolk', 'Essex', 'Cambridgeshire', 'Hertfordshire', 'Luton']
	},
	'East Midlands': {
		postcodeAreas: ['NG', 'LE', 'DE', 'NN', 'LN'],
		authorities: ['Nottingham', 'Leicestershire', 'Derbyshire', 'Northamptonshire', 'Lincolnshire']
	},
	'West Midlands': {
		postcodeAreas: ['B', 'CV', 'WV', 'WS', 'ST', 'DY', 'WR', 'HR'],
		authorities: ['Birmingham', 'Coventry', 'Wolverhampton', 'Staffordshire', 'Worcestershire']
	},
	'Yorkshire & Humberside': {
		postcodeAreas: ['LS', 'S', 'BD', 'HU', 'YO', 'HD', 'DN', 'HG'],
		authorities: ['Leeds', 'Sheffield', 'Bradford', 'Hull', 'North Yorkshire', 'Doncaster']
	}
};

const SECTOR_SHARE: Record<Sector, number> = {
	'adult-social-care': 0.55,
	gp: 0.25,
	dental: 0.15,
	'nhs-trust': 0.05
};

const SECTOR_KINDS: Record<Sector, { type: string; kinds: string[]; careHomeKinds?: string[] }> = {
	'adult-social-care': {
		type: 'Social Care Org',
		kinds: ['Care Home', 'Nursing Home', 'Residential Home', 'Home Care', 'Supported Living'],
		careHomeKinds: ['Care Home', 'Nursing Home', 'Residential Home']
	},
	gp: { type: 'Primary Medical Services', kinds: ['Surgery', 'Medical Centre', 'Health Centre'] },
	dental: {
		type: 'Primary Dental Care',
		kinds: ['Dental Practice', 'Dental Care', 'Dental Clinic']
	},
	'nhs-trust': {
		type: 'NHS Healthcare Organisation',
		kinds: ['General Hospital', 'Community Hospital', 'NHS Foundation Trust']
	}
};

/** The items of a comma-separated list. */
const list = (text: string) =>
	text
		.split(',')
		.map((item) => item.trim().replace(/\s+/g, ' '))
		.filter(Boolean);

const PLACE_NAMES = list(`
	Oakfield, Meadowbank, Riverside, Elmwood, Beechwood, Hillcrest, Ashgrove, Rosewood,
	Park View, Kingsley, Fairhaven, Brookside, Greenacres, Holly Lodge, Maple Grove,
	Cedar House, Orchard, Woodlands, Highfield, Larkspur, Millbrook, Primrose, Sandfield, Thornbury,
	Valley View, Westgate, Abbey, Bramley, Chestnut, Wrenfield
`);
const FIRST_NAMES = list(`
	Aisha, Ben, Chloe, Daniel, Emma, Farid, Grace, Harry, Imran, Jess, Kofi, Laura, Mohammed,
	Nina, Owen, Priya, Rachel, Sam, Tom, Uma, Victoria, Wei
`);
const LAST_NAMES = list(`
	Ahmed, Brown, Clarke, Davies, Evans, Green, Hughes, Iqbal, Jones, Khan, Lewis, Morgan,
	Nowak, Patel, Roberts, Smith, Taylor, Walker, Wilson, Young
`);
const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const POSTCODE_PATTERN = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;

const CONCERN_NOTES = [
	'Staff absence is high; agency cover is booked for the coming weeks.',
	'Supplies have run low twice this month.',
	'The manager is new in post and still reviewing the procedures.',
	'Training records are not up to date.',
	'Visiting arrangements are under review after an outbreak.',
	'Relies on one person to cover this; no deputy.'
];
const WITHDRAWN_REASONS = [
	'Checked again after the call: the provider had already resolved this.',
	'Raised on the wrong question.'
];
const REVIEW_NOTES: Record<Exclude<ReviewStatus, 'open'>, string[]> = {
	acknowledged: ['Seen; no action needed yet.', 'Noted, will watch at the next call.'],
	escalated: ['Passed on for help.', 'Escalated after talking with the provider.'],
	'follow-up': ['Call back to check progress.', 'Ask for the updated action plan.'],
	resolved: ['Provider confirmed the issue is fixed.', 'Resolved at the follow-up call.']
};

// ---------------------------------------------------------------------------------------------
// Plans: everything is decided in memory first, then written in batches

type Person = { id: string; email: string; name: string; deviceId: string };
type Team = { id: string; name: string; region: Region; manager: Person; inspectors: Person[] };

type FlatSet = { id: string; version: number; questions: Question[] };

type FlagPlan = {
	slot: number;
	severity: Severity;
	raisedBy: 'answer' | 'inspector';
	withdrawn: boolean;
	review: ReviewPlan | null;
};

type ReviewPlan = {
	status: Exclude<ReviewStatus, 'open'>;
	at: number;
	note: string;
	escalatedTo: (typeof ESCALATION_TARGETS)[number] | null;
	urgency: 'urgent' | 'routine' | null;
	followUpDue: string | null;
};

type ConversationPlan = {
	id: ConversationId;
	location: Location;
	team: Team;
	owner: Person;
	set: FlatSet;
	startedAt: number;
	durationMs: number;
	status: 'draft' | 'completed';
	needsSupport: boolean;
	urgent: boolean;
	/** Indexes into set.questions of the answered questions, in order. */
	answered: number[];
	/** The chosen option's index for each answered question. */
	options: number[];
	flags: FlagPlan[];
	versionBase: number;
};

function makeTeams(random: Random): Team[] {
	const person = (slug: string, index: number): Person => ({
		id: seededUuid(random, Date.UTC(2024, 0, 1) + index * 1000),
		email: `${PREFIX}${slug}${EMAIL_DOMAIN}`,
		name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
		deviceId: seededUuid(random, Date.UTC(2024, 0, 1) + index * 1000)
	});
	let index = 0;
	return REGIONS.map((region) => {
		const slug = region.toLowerCase().replace(/[^a-z]+/g, '-');
		return {
			id: seededUuid(random, Date.UTC(2024, 0, 1) + index++ * 1000),
			name: `${PREFIX}${slug}-team`,
			region,
			manager: person(`manager-${slug}`, index++),
			inspectors: Array.from({ length: INSPECTORS_PER_TEAM }, (_, i) =>
				person(`inspector-${slug}-${String(i + 1).padStart(2, '0')}`, index++)
			)
		};
	});
}

function postcodeIn(random: Random, region: Region): string {
	const area = pick(random, REGION_PLACES[region].postcodeAreas);
	const letter = () => POSTCODE_LETTERS[Math.floor(random() * POSTCODE_LETTERS.length)]!;
	const postcode = `${area}${intBetween(random, 1, 29)} ${intBetween(random, 1, 9)}${letter()}${letter()}`;
	if (!POSTCODE_PATTERN.test(postcode)) throw new Error(`Bad postcode ${postcode}`);
	return postcode;
}

function makeLocation(random: Random, index: number, usedIds: Set<string>): Location {
	let locationId: string;
	do {
		locationId = `1-${intBetween(random, 100_000, 999_999)}${String(intBetween(random, 0, 9_999)).padStart(4, '0')}`;
	} while (usedIds.has(locationId));
	usedIds.add(locationId);
	const region = weighted(random, REGION_SHARE);
	const sector = weighted(random, SECTOR_SHARE);
	const { type, kinds, careHomeKinds = [] } = SECTOR_KINDS[sector];
	const kind = pick(random, kinds);
	const careHome = careHomeKinds.includes(kind);
	const beds = careHome
		? intBetween(random, 8, 120)
		: sector === 'nhs-trust'
			? intBetween(random, 150, 900)
			: null;
	return {
		locationId,
		providerId: `1-${intBetween(random, 100_000_000, 999_999_999)}`,
		name: `${pick(random, PLACE_NAMES)} ${kind} ${index + 1}`,
		postcode: postcodeIn(random, region),
		region,
		localAuthority: pick(random, REGION_PLACES[region].authorities),
		sector,
		type,
		careHome,
		beds
	};
}

function questionSets(): Record<Sector, FlatSet> {
	const flat = (sector: Sector): FlatSet => {
		const set = latestQuestionSetFor(BUNDLED_QUESTION_SETS, sector);
		if (!set) throw new Error(`No bundled question set for ${sector}`);
		const questions = set.areas.flatMap((area) => area.questions);
		return { id: set.id, version: set.version, questions };
	};
	return {
		'adult-social-care': flat('adult-social-care'),
		gp: flat('gp'),
		dental: flat('dental'),
		'nhs-trust': flat('nhs-trust')
	};
}

/** A time in working hours on the day `daysAgo` days before `now`. */
function callTime(random: Random, now: number, daysAgo: number): number {
	const day = Math.floor((now - daysAgo * DAY) / DAY) * DAY;
	return day + intBetween(random, 8 * 60, 16 * 60) * 60_000;
}

/** Which questions a conversation answered: a completed one skips a few at most. */
function answeredQuestions(random: Random, count: number, status: 'draft' | 'completed') {
	const all = Array.from({ length: count }, (_, i) => i);
	if (status === 'draft') return all.slice(0, intBetween(random, 2, count - 1));
	const roll = random();
	const skipped = roll < 0.7 ? 0 : roll < 0.9 ? 1 : 2;
	for (let i = 0; i < skipped; i++) all.splice(Math.floor(random() * all.length), 1);
	return all;
}

function planConversation(
	random: Random,
	now: number,
	location: Location,
	team: Team,
	regular: Person,
	sets: Record<Sector, FlatSet>
): ConversationPlan {
	const daysAgo = random() * HISTORY_DAYS;
	const startedAt = callTime(random, now, daysAgo);
	const status = chance(random, daysAgo < 45 ? 0.4 : 0.02) ? 'draft' : 'completed';
	const needsSupport = status === 'completed' && chance(random, 0.2);
	const set = sets[location.sector];
	return {
		id: conversationIdFrom(seededUuid(random, startedAt)),
		location,
		team,
		owner: chance(random, 0.7) ? regular : pick(random, team.inspectors),
		set,
		startedAt,
		durationMs: intBetween(random, 25, 110) * 60_000,
		status,
		needsSupport,
		urgent: needsSupport && chance(random, 0.15),
		answered: answeredQuestions(random, set.questions.length, status),
		options: [],
		flags: [],
		versionBase: 0
	};
}

const answerCount = (plans: ConversationPlan[]) =>
	plans.reduce((sum, plan) => sum + plan.answered.length, 0);

/**
 * Conversations at every location (2 to 6 each, about 4 on average), then topped up or trimmed
 * (questions left unanswered) so that they hold exactly `targetAnswers` answers.
 */
function planConversations(
	random: Random,
	now: number,
	locations: Location[],
	teams: Team[],
	targetAnswers: number
): ConversationPlan[] {
	const sets = questionSets();
	const teamOf = new Map(teams.map((team) => [team.region, team]));
	const regulars = locations.map((location) =>
		pick(random, teamOf.get(location.region)!.inspectors)
	);
	const plan = (i: number) =>
		planConversation(
			random,
			now,
			locations[i]!,
			teamOf.get(locations[i]!.region)!,
			regulars[i]!,
			sets
		);
	const perLocation = targetAnswers / 13.1 / locations.length;
	const plans: ConversationPlan[] = [];
	locations.forEach((_, i) => {
		const visits = Math.max(1, Math.round(perLocation + (random() * 2 - 1) * 2));
		for (let v = 0; v < visits; v++) plans.push(plan(i));
	});
	while (answerCount(plans) < targetAnswers) {
		plans.push(plan(Math.floor(random() * locations.length)));
	}
	trimAnswers(random, plans, answerCount(plans) - targetAnswers);
	return plans.sort((a, b) => a.startedAt - b.startedAt);
}

/** Leaves `surplus` questions unanswered, spread over conversations that keep enough answers. */
function trimAnswers(random: Random, plans: ConversationPlan[], surplus: number): void {
	for (let left = surplus, tries = 0; left > 0; tries++) {
		if (tries > surplus * 100) throw new Error('Could not trim the answers to the target');
		const plan = pick(random, plans);
		if (plan.answered.length <= Math.max(2, plan.set.questions.length - 4)) continue;
		plan.answered.splice(Math.floor(random() * plan.answered.length), 1);
		left--;
	}
}

/** Chooses every answer's option: serious concerns only where the outcome is "needs support". */
function chooseOptions(random: Random, plan: ConversationPlan): void {
	const concernFor = (): Concern => {
		if (plan.needsSupport) return weighted(random, { serious: 0.08, some: 0.09, none: 0.83 });
		return chance(random, 0.04) ? 'some' : 'none';
	};
	const concerns = plan.answered.map(concernFor);
	if (plan.needsSupport && !concerns.includes('serious') && concerns.length > 0) {
		concerns[Math.floor(random() * concerns.length)] = 'serious';
	}
	plan.options = plan.answered.map((questionIndex, slot) => {
		const options = plan.set.questions[questionIndex]!.options;
		const index = options.findIndex((option) => option.concern === concerns[slot]);
		return index >= 0 ? index : 0;
	});
}

const concernAt = (plan: ConversationPlan, slot: number): Concern =>
	plan.set.questions[plan.answered[slot]!]!.options[plan.options[slot]!]!.concern;

/**
 * Exactly `target` flags: every serious answer (high), then the answers with some concern
 * (medium, a few lowered to low by the inspector), then the inspector's own flags on other
 * answers (mostly low), as many as it takes.
 */
function chooseFlags(random: Random, plans: ConversationPlan[], target: number): void {
	const bySlot: Record<Concern, number[]> = { serious: [], some: [], none: [] };
	plans.forEach((plan, p) => {
		plan.answered.forEach((_, slot) => bySlot[concernAt(plan, slot)].push(p * 16 + slot));
	});
	let left = target;
	const take = (concern: Concern, make: (random: Random) => Omit<FlagPlan, 'slot'>) => {
		const chosen = sample(
			random,
			Int32Array.from(bySlot[concern]),
			Math.min(left, bySlot[concern].length)
		);
		for (const code of chosen) {
			const plan = plans[code >> 4]!;
			plan.flags.push({ slot: code & 15, ...make(random) });
		}
		left -= chosen.length;
	};
	take('serious', () => ({ severity: 'high', raisedBy: 'answer', withdrawn: false, review: null }));
	take('some', (r) => ({
		severity: chance(r, 0.08) ? 'low' : 'medium',
		raisedBy: 'answer',
		withdrawn: chance(r, 0.02),
		review: null
	}));
	take('none', (r) => ({
		severity: chance(r, 0.9) ? 'low' : 'medium',
		raisedBy: 'inspector',
		withdrawn: chance(r, 0.03),
		review: null
	}));
	if (left > 0) throw new Error(`Only ${target - left} answers to flag, ${target} wanted`);
	for (const plan of plans) plan.flags.sort((a, b) => a.slot - b.slot);
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The manager's decision on a flag, if any: older flags are more often resolved. */
function planReview(
	random: Random,
	now: number,
	raisedAt: number,
	severity: Severity
): ReviewPlan | null {
	const age = Math.min(1, (now - raisedAt) / (HISTORY_DAYS * DAY));
	const status = weighted<ReviewStatus>(random, {
		open: 0.4 - 0.28 * age,
		acknowledged: 0.12,
		escalated: 0.02 + 0.1 * (1 - age),
		'follow-up': 0.03 + 0.2 * (1 - age),
		resolved: 0.1 + 0.45 * age
	});
	if (status === 'open') return null;
	// In working hours, 1 to 21 days after the flag was raised.
	const reviewDay = Math.floor(raisedAt / DAY) * DAY + intBetween(random, 1, 21) * DAY;
	const at = Math.min(now - 60_000, reviewDay + intBetween(random, 9 * 60, 17 * 60) * 60_000);
	const followUp = status === 'follow-up' || (status === 'escalated' && chance(random, 0.6));
	return {
		status,
		at,
		note: pick(random, REVIEW_NOTES[status]),
		escalatedTo: status === 'escalated' ? pick(random, ESCALATION_TARGETS) : null,
		urgency:
			status === 'escalated'
				? chance(random, severity === 'high' ? 0.5 : 0.2)
					? 'urgent'
					: 'routine'
				: null,
		followUpDue: followUp ? isoDate(at + intBetween(random, 7, 42) * DAY) : null
	};
}

const answeredAt = (plan: ConversationPlan, slot: number) =>
	plan.startedAt + Math.floor(((slot + 1) * plan.durationMs) / (plan.answered.length + 1));

/** Each owner's changes numbered in order: answers, flags, then decisions, per conversation. */
function assignVersions(plans: ConversationPlan[]): Map<Person, number> {
	const counters = new Map<Person, number>();
	for (const plan of plans) {
		const base = counters.get(plan.owner) ?? 0;
		plan.versionBase = base;
		const decisions = plan.flags.filter((flag) => flag.review).length;
		counters.set(plan.owner, base + plan.answered.length + plan.flags.length + decisions);
	}
	return counters;
}

const lastVersion = (plan: ConversationPlan) =>
	plan.versionBase +
	plan.answered.length +
	plan.flags.length +
	plan.flags.filter((flag) => flag.review).length;

// ---------------------------------------------------------------------------------------------
// Rows

function conversationFields(random: Random, plan: ConversationPlan): ConversationFields {
	const fields = emptyConversationFields();
	const started = new Date(plan.startedAt);
	fields.callDetails = {
		callDate: {
			day: String(started.getUTCDate()),
			month: String(started.getUTCMonth() + 1),
			year: String(started.getUTCFullYear())
		},
		callTime: started.toISOString().slice(11, 16),
		mode: chance(random, 0.7) ? 'phone' : 'video',
		personName: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
		personRole: pick(random, ['Registered manager', 'Practice manager', 'Deputy manager'])
	};
	if (plan.urgent) {
		fields.escalation = { urgent: true, details: 'Urgent support needed with staffing this week.' };
	}
	if (plan.status === 'completed') {
		fields.outcome = { decision: plan.needsSupport ? 'needs-support' : 'managing', reason: '' };
	}
	return fields;
}

/**
 * The plan as the server's store keeps a conversation, so the seeded rows are laid out by the
 * same mapper (toRows) as uploaded ones. Draws from `random` in the order the rows always did.
 */
function storedConversation(
	random: Random,
	plan: ConversationPlan,
	fields: ConversationFields,
	now: number
): StoredConversation {
	const lastAnswer = answeredAt(plan, plan.answered.length - 1);
	const completedAt = plan.status === 'completed' ? plan.startedAt + plan.durationMs : null;
	const answered: Record<string, Answer> = {};
	const answerStamps: StoredConversation['answers'] = {};
	plan.answered.forEach((questionIndex, slot) => {
		const question = plan.set.questions[questionIndex]!;
		const option = question.options[plan.options[slot]!]!;
		const at = answeredAt(plan, slot);
		answered[question.id] = {
			optionId: option.id,
			notes: option.concern === 'none' ? '' : pick(random, CONCERN_NOTES),
			evidence: pick<Evidence[]>(random, [[], ['screen-share'], ['email'], ['none']])
		};
		answerStamps[question.id] = {
			version: plan.versionBase + slot + 1,
			writtenAt: new Date(at),
			deviceId: plan.owner.deviceId,
			mutationId: seededUuid(random, at),
			recordedAt: new Date(at + intBetween(random, 1, 300) * 1000)
		};
	});
	const raised: Record<string, Flag> = {};
	const flagStamps: StoredConversation['flags'] = {};
	plan.flags.forEach((flag, index) => {
		const question = plan.set.questions[plan.answered[flag.slot]!]!;
		const option = question.options[plan.options[flag.slot]!]!;
		const raisedAt = new Date(answeredAt(plan, flag.slot) + 30_000);
		raised[question.id] = {
			severity: flag.severity,
			reason:
				flag.raisedBy === 'answer'
					? `Answered: "${option.standardWording}"`
					: 'Inspector concerned by what the provider described.',
			raisedBy: flag.raisedBy,
			...(flag.withdrawn
				? {
						status: 'withdrawn' as const,
						withdrawnReason: WITHDRAWN_REASONS[index % WITHDRAWN_REASONS.length]!
					}
				: { status: 'raised' as const })
		};
		flagStamps[question.id] = {
			version: plan.versionBase + plan.answered.length + index + 1,
			raisedAt,
			updatedAt: raisedAt
		};
	});
	return {
		conversation: {
			id: plan.id,
			status: plan.status,
			location: plan.location,
			questionSet: { id: plan.set.id, version: plan.set.version },
			startedAt: new Date(plan.startedAt).toISOString(),
			updatedAt: new Date(Math.min(now, completedAt ?? lastAnswer)).toISOString(),
			completedAt: completedAt === null ? null : new Date(completedAt).toISOString(),
			...fields,
			answers: answered,
			flags: raised
		},
		ownerId: plan.owner.id,
		teamId: plan.team.id,
		locationListed: true,
		version: lastVersion(plan),
		answers: answerStamps,
		flags: flagStamps
	};
}

/** The flags' rows with the manager's review each plan gives them. */
function reviewedFlagRows(plan: ConversationPlan, rows: FlagRow[]) {
	const reviews = new Map(
		plan.flags.map((flag) => [plan.set.questions[plan.answered[flag.slot]!]!.id, flag.review])
	);
	return rows.map((row) => {
		const review = reviews.get(row.questionId) ?? null;
		return {
			...row,
			reviewStatus: review?.status ?? 'open',
			escalatedTo: review?.escalatedTo ?? null,
			urgency: review?.urgency ?? null,
			assigneeId: review?.followUpDue ? plan.team.manager.id : null,
			followUpDue: review?.followUpDue ?? null,
			reviewNote: review?.note ?? null,
			reviewedBy: review ? plan.team.manager.id : null,
			reviewedAt: review ? new Date(review.at) : null,
			reviewVersion: review ? 1 : 0
		} satisfies typeof flags.$inferInsert;
	});
}

const ACTION_FOR: Record<ReviewPlan['status'], FlagDecision['action']> = {
	acknowledged: 'acknowledge',
	escalated: 'escalate',
	'follow-up': 'follow-up',
	resolved: 'resolve'
};

/** The audit trail's record of each decision, as decideFlag writes it. */
function reviewEventRows(plan: ConversationPlan) {
	return plan.flags.flatMap((flag) => {
		const review = flag.review;
		if (!review) return [];
		const questionId = plan.set.questions[plan.answered[flag.slot]!]!.id;
		const assigneeId = review.followUpDue ? plan.team.manager.id : null;
		const details =
			review.status === 'escalated'
				? {
						escalatedTo: review.escalatedTo,
						urgency: review.urgency,
						assigneeId,
						followUpDue: review.followUpDue
					}
				: review.status === 'follow-up'
					? { assigneeId, followUpDue: review.followUpDue }
					: {};
		return [
			{
				conversationId: plan.id,
				flagId: questionRowId(plan.id, questionId),
				questionId,
				kind: 'decision',
				actorId: plan.team.manager.id,
				actorName: plan.team.manager.name,
				fromStatus: 'open',
				toStatus: review.status,
				note: review.note,
				details: { action: ACTION_FOR[review.status], ...details },
				at: new Date(review.at)
			} satisfies typeof reviewEvents.$inferInsert
		];
	});
}

// ---------------------------------------------------------------------------------------------
// Database

type Tx = Database;

const scaleUserIds = (tx: Tx) =>
	tx
		.select({ id: users.id })
		.from(users)
		.where(like(users.email, `${PREFIX}%`));
const scaleConversationIds = (tx: Tx) =>
	tx
		.select({ id: conversations.id })
		.from(conversations)
		.where(inArray(conversations.userId, scaleUserIds(tx)));

async function inTransaction(db: Database, work: (tx: Tx) => Promise<void>): Promise<void> {
	await db.transaction(async (transaction) => work(transaction as unknown as Tx));
}

/** Removes everything an earlier run made, children before parents. */
async function wipe(db: Database): Promise<void> {
	await inTransaction(db, async (tx) => {
		const ofScale = inArray(reviewEvents.conversationId, scaleConversationIds(tx));
		const [events] = await tx.select({ n: count() }).from(reviewEvents).where(ofScale);
		// review_events is append-only; its guard is lifted for this transaction only.
		const guarded = (events?.n ?? 0) > 0;
		if (guarded) {
			await tx.execute(sql`alter table review_events disable trigger review_events_append_only`);
		}
		await tx.delete(reviewEvents).where(ofScale);
		await tx
			.delete(questionReturns)
			.where(inArray(questionReturns.conversationId, scaleConversationIds(tx)));
		await tx
			.delete(answerHistory)
			.where(inArray(answerHistory.conversationId, scaleConversationIds(tx)));
		await tx.delete(flags).where(inArray(flags.conversationId, scaleConversationIds(tx)));
		await tx.delete(answers).where(inArray(answers.conversationId, scaleConversationIds(tx)));
		await tx.delete(conversations).where(inArray(conversations.userId, scaleUserIds(tx)));
		await tx.delete(userChangeCounters).where(inArray(userChangeCounters.userId, scaleUserIds(tx)));
		const devices = tx
			.select({ id: syncDevices.deviceId })
			.from(syncDevices)
			.where(inArray(syncDevices.userId, scaleUserIds(tx)));
		await tx.delete(syncMutations).where(inArray(syncMutations.deviceId, devices));
		await tx.delete(syncDevices).where(inArray(syncDevices.userId, scaleUserIds(tx)));
		await tx.delete(users).where(like(users.email, `${PREFIX}%`));
		await tx.delete(teams).where(like(teams.name, `${PREFIX}%`));
		if (guarded) {
			await tx.execute(sql`alter table review_events enable trigger review_events_append_only`);
		}
	});
}

async function insertTeams(db: Database, allTeams: Team[]): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx.insert(teams).values(allTeams.map(({ id, name, region }) => ({ id, name, region })));
		const userRow = (team: Team, person: Person, role: 'manager' | 'inspector') => ({
			id: person.id,
			email: person.email,
			name: person.name,
			role,
			teamId: team.id,
			region: team.region,
			active: true,
			passwordHash: NO_SIGN_IN_HASH
		});
		await tx
			.insert(users)
			.values(
				allTeams.flatMap((team) => [
					userRow(team, team.manager, 'manager'),
					...team.inspectors.map((inspector) => userRow(team, inspector, 'inspector'))
				])
			);
		for (const team of allTeams) {
			await tx.update(teams).set({ managerId: team.manager.id }).where(eq(teams.id, team.id));
		}
	});
}

/**
 * Inserts rows in batches of one statement each: every column travels as one text array and is
 * cast back to its type, which is far quicker to build than a VALUES list with a parameter per
 * value, and has no limit on parameters.
 */
async function insertRows<T extends PgTable>(
	tx: Tx,
	table: T,
	rows: T['$inferInsert'][]
): Promise<void> {
	const first = rows[0] as Record<string, unknown> | undefined;
	if (!first) return;
	const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(
		([key]) => key in first
	);
	const names = sql.join(
		columns.map(([, column]) => sql.identifier(column.name)),
		sql`, `
	);
	const aliases = columns.map((_, i) => sql.identifier(`c${i}`));
	const casts = columns.map(([, column], i) => sql`${aliases[i]}::${sql.raw(column.getSQLType())}`);
	for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
		const batch = rows.slice(start, start + ROWS_PER_INSERT) as Record<string, unknown>[];
		const arrays = columns.map(([key, column]) =>
			batch.map((row) => {
				const value = row[key];
				return value === null || value === undefined
					? null
					: String(column.mapToDriverValue(value));
			})
		);
		await tx.execute(sql`insert into ${table} (${names})
			select ${sql.join(casts, sql`, `)}
			from unnest(${sql.join(
				arrays.map((values) => sql`${sql.param(values)}::text[]`),
				sql`, `
			)}) as u(${sql.join(aliases, sql`, `)})`);
	}
}

/** One transaction per chunk of conversations, with their answers, flags and decisions. */
async function insertConversations(
	db: Database,
	random: Random,
	plans: ConversationPlan[],
	now: number,
	startTime: number
): Promise<void> {
	let answersWritten = 0;
	for (let i = 0; i < plans.length; i += CHUNK_CONVERSATIONS) {
		const chunk = plans.slice(i, i + CHUNK_CONVERSATIONS);
		const fields = chunk.map((plan) => conversationFields(random, plan));
		const rows = chunk.map((plan, j) => toRows(storedConversation(random, plan, fields[j]!, now)));
		const conversationRows = rows.map((row) => row.conversation);
		const answerRowList = rows.flatMap((row) => row.answers);
		const flagRowList = chunk.flatMap((plan, j) => reviewedFlagRows(plan, rows[j]!.flags));
		const eventRows = chunk.flatMap(reviewEventRows);
		await inTransaction(db, async (tx) => {
			await insertRows(tx, conversations, conversationRows);
			await insertRows(tx, answers, answerRowList);
			await insertRows(tx, flags, flagRowList);
			await insertRows(tx, reviewEvents, eventRows);
		});
		answersWritten += answerRowList.length;
		log(
			startTime,
			`conversations ${i + chunk.length}/${plans.length}, answers ${answersWritten.toLocaleString('en-GB')}`
		);
	}
}

async function insertCounters(db: Database, counters: Map<Person, number>): Promise<void> {
	const rows = [...counters].map(([person, lastVersion]) => ({ userId: person.id, lastVersion }));
	await inTransaction(db, (tx) => insertRows(tx, userChangeCounters, rows));
}

async function analyze(db: Database): Promise<void> {
	for (const table of [
		'users',
		'teams',
		'conversations',
		'answers',
		'flags',
		'review_events',
		'user_change_counters'
	]) {
		await db.execute(sql.raw(`analyze ${table}`));
	}
}

async function summary(db: Database, today: string): Promise<string[]> {
	const scaleFlags = inArray(flags.conversationId, scaleConversationIds(db));
	const countOf = async (query: PromiseLike<{ n: number }[]>) => (await query)[0]?.n ?? 0;
	const numbers = {
		teams: await countOf(
			db
				.select({ n: count() })
				.from(teams)
				.where(like(teams.name, `${PREFIX}%`))
		),
		users: await countOf(
			db
				.select({ n: count() })
				.from(users)
				.where(like(users.email, `${PREFIX}%`))
		),
		locations: await countOf(
			db
				.select({ n: sql<number>`count(distinct ${conversations.locationId})::int` })
				.from(conversations)
				.where(inArray(conversations.userId, scaleUserIds(db)))
		),
		conversations: await countOf(
			db
				.select({ n: count() })
				.from(conversations)
				.where(inArray(conversations.userId, scaleUserIds(db)))
		),
		answers: await countOf(
			db
				.select({ n: count() })
				.from(answers)
				.where(inArray(answers.conversationId, scaleConversationIds(db)))
		),
		flags: await countOf(db.select({ n: count() }).from(flags).where(scaleFlags)),
		overdue: await countOf(
			db
				.select({ n: count() })
				.from(flags)
				.where(
					and(
						scaleFlags,
						ne(flags.reviewStatus, 'resolved'),
						isNotNull(flags.followUpDue),
						lt(flags.followUpDue, today)
					)
				)
		),
		'review events': await countOf(
			db
				.select({ n: count() })
				.from(reviewEvents)
				.where(inArray(reviewEvents.conversationId, scaleConversationIds(db)))
		)
	};
	const spread = async (column: typeof flags.severity | typeof flags.reviewStatus) =>
		(await db.select({ key: column, n: count() }).from(flags).where(scaleFlags).groupBy(column))
			.sort((a, b) => b.n - a.n)
			.map(({ key, n }) => `${key} ${n.toLocaleString('en-GB')}`)
			.join(', ');
	return [
		...Object.entries(numbers).map(
			([what, n]) => `  ${what.padEnd(14)} ${n.toLocaleString('en-GB')}`
		),
		`  by severity    ${await spread(flags.severity)}`,
		`  by review      ${await spread(flags.reviewStatus)}`
	];
}

function log(startTime: number, line: string): void {
	console.log(`[${((Date.now() - startTime) / 1000).toFixed(1).padStart(6)}s] ${line}`);
}

// ---------------------------------------------------------------------------------------------

class UsageError extends Error {}

function readOptions(argv: string[]) {
	const { values } = parseArgs({
		args: argv,
		options: { url: { type: 'string' }, scale: { type: 'string', default: '1' } }
	});
	const scale = Number(values.scale);
	if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
		throw new UsageError(`--scale must be a number above 0 and at most 10, not "${values.scale}"`);
	}
	if (values.url !== undefined && !/^postgres(ql)?:\/\//.test(values.url)) {
		throw new UsageError('--url must start with postgres://');
	}
	return { url: values.url, scale };
}

async function main(argv: string[]): Promise<void> {
	const startTime = Date.now();
	const { url, scale } = readOptions(argv);
	const env = { ...readEnvironment(), SEED_DEMO: '0' as const };
	if (url) env.DATABASE_URL = url;
	const { db, close } = await startServer(env, (line) => log(startTime, line));
	try {
		const now = Math.floor(Date.now() / DAY) * DAY;
		const target = {
			locations: Math.max(1, Math.round(FULL_SCALE.locations * scale)),
			answers: Math.round(FULL_SCALE.answers * scale),
			flags: Math.round(FULL_SCALE.flags * scale)
		};
		log(startTime, `scale ${scale}: ${JSON.stringify(target)}`);

		const random = mulberry32(20_200_401);
		const allTeams = makeTeams(mulberry32(1));
		const usedIds = new Set<string>();
		const locations = Array.from({ length: target.locations }, (_, i) =>
			makeLocation(random, i, usedIds)
		);
		const plans = planConversations(random, now, locations, allTeams, target.answers);
		for (const plan of plans) chooseOptions(random, plan);
		chooseFlags(random, plans, target.flags);
		for (const plan of plans) {
			for (const flag of plan.flags) {
				flag.review = planReview(random, now, answeredAt(plan, flag.slot), flag.severity);
			}
		}
		const counters = assignVersions(plans);
		log(startTime, `planned ${plans.length} conversations at ${locations.length} locations`);

		await wipe(db);
		log(startTime, 'wiped earlier scale data');
		await insertTeams(db, allTeams);
		log(startTime, `inserted ${allTeams.length} teams and their people`);
		await insertConversations(db, random, plans, now, startTime);
		await insertCounters(db, counters);
		await analyze(db);
		log(startTime, 'analyzed');
		const lines = await summary(db, isoDate(Date.now()));
		console.log(`\nScale data in the database (read back):\n${lines.join('\n')}`);
		console.log(`Done in ${((Date.now() - startTime) / 1000).toFixed(1)} s`);
	} finally {
		await close();
	}
}

main(process.argv.slice(2)).then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(
			error instanceof DataFolderInUseError || error instanceof UsageError ? error.message : error
		);
		process.exit(1);
	}
);
