export { focusPageHeading } from './focus-page-heading';
