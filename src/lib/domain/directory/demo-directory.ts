import data from './demo-directory.json';
import { locationSchema } from './location.schema';

/** Fictional locations for demonstrations and tests; no real service is named. */
export const DEMO_DIRECTORY = locationSchema.array().parse(data);
