// The Activity view's rows and settling (activity-parts.ts) are a bundle of their own,
// dist/activity.js, required when the view first reads the journal rather than at activation.
// The build (tools/build-split.ts) finds this file's require of ./activity-parts.js by its path
// and this file's name: keep both.
type ActivityParts = typeof import('./activity-parts');

export function loadActivityParts(): ActivityParts {
  // A synchronous require: the rows stay synchronous to build for the provider.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./activity-parts.js') as ActivityParts;
}
