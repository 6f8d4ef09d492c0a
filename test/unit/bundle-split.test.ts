// tools/build-split.ts splits the extension into dist/extension.js (what activation needs),
// dist/client.js and dist/features.js (loaded on first use). These keep the split honest: no
// module is in two bundles (a second copy would be a second IscError class for instanceof, a
// second cache), the command handlers, editors and HTTP client stay out of activation's bundle,
// and each bundle takes from the earlier ones only what their registries export.
import * as assert from 'node:assert/strict';
import type { Metafile } from 'esbuild';
import { extensionBundleOptions } from '../../tools/build';
import { buildSplit, bundledModules, SPLIT_BUNDLES, type SplitResult } from '../../tools/build-split';

describe('the extension bundle split (tools/build-split.ts)', function () {
  this.timeout(60_000);
  let split: SplitResult;
  const modules = (name: string): string[] => bundledModules(split.metafiles[name] as Metafile);

  before(async () => {
    split = await buildSplit(extensionBundleOptions({ production: true, logLevel: 'silent' }), false);
  });

  it('puts no module in two bundles', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const { name } of SPLIT_BUNDLES) {
      for (const module of modules(name)) {
        if (owner.has(module)) twice.push(`${module} (${owner.get(module)} and ${name})`);
        owner.set(module, name);
      }
    }
    assert.deepEqual(twice, []);
  });

  it('keeps the command handlers, the editors and the HTTP client out of activation’s bundle', () => {
    const main = modules('main');
    const lazy = main.filter((module) =>
      /^src\/(commands\/(table|features|[a-z-]+-commands)\.ts|editor\/(?!shared\/protocol\.ts)|isc\/(client|http|auth|request-runner)\.ts)/.test(module) ||
      module.includes('node_modules/node-fetch/'),
    );
    assert.deepEqual(lazy, []);
    assert.ok(modules('features').includes('src/commands/table.ts'));
    assert.ok(modules('client').includes('src/isc/http.ts'));
  });

  it('shares the error classes, the journal and the tree from the main bundle only', () => {
    for (const module of ['src/isc/errors.ts', 'src/journal/journal-store.ts', 'src/tree/provider.ts']) {
      assert.ok(modules('main').includes(module), `${module} is in the main bundle`);
    }
    assert.ok(split.shared.main.includes('src/isc/errors.ts'), 'the later bundles take IscError from the main bundle');
  });

  it('exports from each bundle exactly what later bundles take, and takes only from earlier ones', () => {
    SPLIT_BUNDLES.forEach(({ name }, index) => {
      const earlier = new Set(SPLIT_BUNDLES.slice(0, index).map((bundle) => bundle.name));
      const inputs = Object.keys(split.metafiles[name].inputs).filter((key) => key.startsWith('shared:'));
      for (const input of inputs) {
        const [, from, module] = /^shared:([a-z]+):(.+)$/.exec(input) ?? [];
        assert.ok(earlier.has(from), `${name} takes ${module} from ${from}, which is not loaded before it`);
        assert.ok(split.shared[from].includes(module), `${from} exports ${module} in its registry`);
        assert.ok(modules(from).includes(module), `${from} holds ${module}`);
      }
    });
  });
});
