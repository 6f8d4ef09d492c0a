// What the Activity view needs once there are entries to show or settle, bundled on its own as
// dist/activity.js (tools/build-split.ts) and loaded through activity-loader.ts: the rows (with
// what decides their menus: undo, resume, send again) and the read-back that settles an entry.
// Activation builds the view without it; the view's first rows, or a restart's settling, load it.
export { EntryNode } from './entry-node';
export { TenantGroupNode } from './tenant-group-node';
export { settleEntry } from '../journal/settle';
