import { propertySuite, RUNS } from './property-suite';

propertySuite('second half', Math.floor(RUNS / 2));
