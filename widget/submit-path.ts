// The submit path of the npm entries, as one module they import on demand, so an app's bundler
// makes one chunk of it: validation, posting and the outbox (what submit.js is to widget.js).
export { captureWith } from './capture.ts';
export { submitLead } from './form/submission.ts';
