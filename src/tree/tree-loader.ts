// The nodes below a tenant (tree-parts.ts) are a bundle of their own, dist/tree.js, required
// when a tenant is first expanded (or shows its pinned identities) rather than at activation.
// The build (tools/build-split.ts) finds this file's require of ./tree-parts.js by its path and
// this file's name: keep both.
type TreeParts = typeof import('./tree-parts');

export function loadTreeParts(): TreeParts {
  // A synchronous require: a tenant's rows stay synchronous to build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./tree-parts.js') as TreeParts;
}
