// The export's worker thread bundled for a test, as the build makes dist/export-worker.js, so
// unit tests start the real worker without a full build.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { exportWorkerBuild } from '../build';

/** Bundles the worker into `dir`; its path. */
export async function buildExportWorker(dir: string): Promise<string> {
  const outfile = path.join(dir, 'export-worker.js');
  await esbuild.build(exportWorkerBuild({ logLevel: 'silent' }, outfile));
  return outfile;
}
