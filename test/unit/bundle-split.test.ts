// tools/build-split.ts splits the extension into dist/extension.js (what activation needs),
// dist/client.js, dist/tree.js, dist/activity.js and dist/features.js (loaded on first use).
// These keep the split honest: no module is in two bundles (a second copy would be a second
// IscError class for instanceof, a second cache), the command handlers, editors, HTTP client,
// the nodes below a tenant and the Activity rows stay out of activation's bundle, each lazy
// bundle is required by its loader, and each bundle takes from the earlier ones only what
// their registries export.
import * as assert from 'node:assert/strict';
import type { Metafile } from 'esbuild';
import * as path from 'node:path';
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

  it('keeps the nodes below a tenant and the Activity rows, with what they need, out of activation’s bundle', () => {
    const main = modules('main');
    const lazy = main.filter((module) =>
      /^src\/(tree\/(source|identity|account|account-list|entitlement|paged|load-more|message)-node\.ts|activity\/(entry-node|item-node|tenant-group-node|activity-capabilities|activity-presentation)\.ts|journal\/(index|settle|undo|resume|send-again|journaled-run|journal-export)\.ts|isc\/filter-parser\.ts|patch\/)/.test(module),
    );
    assert.deepEqual(lazy, []);
    assert.ok(modules('tree').includes('src/tree/source-node.ts'));
    assert.ok(modules('activity').includes('src/activity/entry-node.ts'));
    assert.ok(modules('activity').includes('src/journal/settle.ts'));
  });

  it('loads each lazy bundle from its loader only (or for a module a later bundle takes from it)', () => {
    for (const { name, outfile, loader } of SPLIT_BUNDLES) {
      if (!loader) continue;
      const file = `./${path.basename(outfile)}`;
      const requiredBy = SPLIT_BUNDLES.flatMap((bundle) =>
        Object.entries(split.metafiles[bundle.name].inputs)
          // A `shared:` stand-in requires the bundle that holds the module it stands for.
          .filter(([module, input]) => !module.startsWith('shared:') && input.imports.some((imported) => imported.external && imported.path === file))
          .map(([module]) => module),
      );
      assert.deepEqual(requiredBy, [loader.importer], `${name} (${file}) is required by its loader alone`);
      assert.ok(modules('main').includes(loader.importer), `${loader.importer} is in activation’s bundle`);
    }
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
