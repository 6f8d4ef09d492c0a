// What the tree needs below a tenant, bundled on its own as dist/tree.js (tools/build-split.ts)
// and loaded through tree-loader.ts: sources, pinned identities, their accounts and
// entitlements, paging. Activation shows the tenants without it; expanding one loads it.
export { IdentityNode } from './identity-node';
export { MessageNode } from './message-node';
export { SourceNode } from './source-node';
export { sourceAccountsFilter } from './source-presentation';
