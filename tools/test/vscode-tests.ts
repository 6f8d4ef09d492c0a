// `npm run test:vscode`: builds the extension and the in-VS-Code test bundles, then runs them in
// a real VS Code with one of two runners:
//   electron     desktop VS Code via @vscode/test-electron (needs a VS Code build at hand);
//   code-server  the same VS Code served by code-server, driven by Chromium (works offline).
// ISC_VSCODE_RUNNER=electron|code-server forces one. Otherwise electron is used only when a
// VS Code build is already cached in .vscode-test/ or a desktop VS Code is installed (and
// there is a display or xvfb-run), because downloading one needs Microsoft's servers.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { buildIntegrationTests, repoRoot } from './build-tests.mjs';

const runners = ['electron', 'code-server'];

function cachedTestElectronBuild() {
  const cache = path.join(repoRoot, '.vscode-test');
  if (!existsSync(cache)) return undefined;
  // @vscode/test-electron's layout: .vscode-test/vscode-<platform>-<version>/is-complete
  const build = readdirSync(cache).find(
    (name) => /^vscode-[a-z0-9-]+-[0-9.]+$/.test(name) && existsSync(path.join(cache, name, 'is-complete')),
  );
  return build && path.join(cache, build);
}

// The `code` on PATH is a launcher script; Electron's binary sits two folders up
// (e.g. /usr/share/code/bin/code -> /usr/share/code/code).
function desktopVsCodeExecutable() {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const launcher = realpathSync(found.stdout.trim());
  const binary = path.join(path.dirname(path.dirname(launcher)), 'code');
  return existsSync(binary) && binary !== launcher ? binary : undefined;
}

function canShowElectron() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return true;
  return spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
}

function chooseRunner() {
  const forced = process.env.ISC_VSCODE_RUNNER;
  if (forced) {
    if (!runners.includes(forced)) {
      throw new Error(`ISC_VSCODE_RUNNER=${forced}: expected one of ${runners.join(', ')}`);
    }
    return { runner: forced, reason: `forced by ISC_VSCODE_RUNNER=${forced}` };
  }
  const cached = cachedTestElectronBuild();
  const desktop = cached ? undefined : desktopVsCodeExecutable();
  if (!cached && !desktop) {
    return { runner: 'code-server', reason: 'no VS Code build cached in .vscode-test/ and no desktop VS Code installed' };
  }
  const found = cached ? `VS Code build cached at ${path.relative(repoRoot, cached)}` : `desktop VS Code at ${desktop}`;
  if (!canShowElectron()) {
    return { runner: 'code-server', reason: `${found}, but no DISPLAY and no xvfb-run to show it` };
  }
  return { runner: 'electron', reason: found, env: desktop ? { VSCODE_EXECUTABLE_PATH: desktop } : {} };
}

function banner(text) {
  const line = '='.repeat(Math.max(60, text.length + 4));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

async function main() {
  const { runner, reason, env = {} } = chooseRunner();
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  const { testFiles } = await buildIntegrationTests();
  console.log(`built ${testFiles.length} in-VS-Code test file(s): ${testFiles.join(', ')}`);

  banner(`in-VS-Code tests: ${runner} runner (${reason})`);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, `test/runners/${runner}.ts`)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  // The runner cleans up code-server and the browser on SIGINT/SIGTERM: pass those on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
  if (code !== 0) banner(`in-VS-Code tests FAILED (${runner} runner exited with ${code})`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-vscode-tests: ${error.message}`);
    process.exit(1);
  },
);
