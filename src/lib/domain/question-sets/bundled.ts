import adultSocialCare from './data/adult-social-care.v1.json';
import dental from './data/dental.v1.json';
import gp from './data/gp.v1.json';
import nhsTrust from './data/nhs-trust.v1.json';
import { questionSetSchema, type QuestionSet, type Sector } from './question-set.schema';

/** The question sets this build of the app ships with, validated as they load. */
export const BUNDLED_QUESTION_SETS: readonly QuestionSet[] = [
	adultSocialCare,
	gp,
	dental,
	nhsTrust
].map((data) => questionSetSchema.parse(data));

/** The newest set for a sector among `sets`. */
export function latestQuestionSetFor(
	sets: readonly QuestionSet[],
	sector: Sector
): QuestionSet | undefined {
	return sets
		.filter((set) => set.sector === sector)
		.reduce<QuestionSet | undefined>(
			(best, set) => (!best || set.version > best.version ? set : best),
			undefined
		);
}
