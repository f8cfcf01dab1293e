import { propertySuite, RUNS } from './property-suite';

propertySuite('first half', Math.ceil(RUNS / 2));
