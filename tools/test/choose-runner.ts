// Which VS Code runs the in-VS-Code tests:
//   electron     desktop VS Code via @vscode/test-electron (needs a VS Code build at hand);
//   code-server  the same VS Code served by code-server, driven by Chromium (works offline).
// ISC_VSCODE_RUNNER=electron|code-server forces one. Otherwise electron is used only when a
// VS Code build is already cached in .vscode-test/ or a desktop VS Code is installed (and
// there is a display or xvfb-run), because downloading one needs Microsoft's servers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot, vscodeCacheDir } from '../paths';

const runners = ['electron', 'code-server'] as const;
export type RunnerName = (typeof runners)[number];

export interface RunnerChoice {
  runner: RunnerName;
  reason: string;
  env: Record<string, string>;
}

export function chooseRunner(): RunnerChoice {
  const forced = process.env.ISC_VSCODE_RUNNER;
  if (forced) {
    if (!runners.includes(forced as RunnerName)) {
      throw new Error(`ISC_VSCODE_RUNNER=${forced}: expected one of ${runners.join(', ')}`);
    }
    return { runner: forced as RunnerName, reason: `forced by ISC_VSCODE_RUNNER=${forced}`, env: {} };
  }
  const cached = cachedTestElectronBuild();
  const desktop = cached ? undefined : desktopVsCodeExecutable();
  if (!cached && !desktop) {
    return { runner: 'code-server', reason: 'no VS Code build cached in .vscode-test/ and no desktop VS Code installed', env: {} };
  }
  const found = cached ? `VS Code build cached at ${path.relative(repoRoot, cached)}` : `desktop VS Code at ${desktop}`;
  if (!canShowElectron()) {
    return { runner: 'code-server', reason: `${found}, but no DISPLAY and no xvfb-run to show it`, env: {} };
  }
  return { runner: 'electron', reason: found, env: desktop ? { VSCODE_EXECUTABLE_PATH: desktop } : {} };
}

function cachedTestElectronBuild(): string | undefined {
  if (!existsSync(vscodeCacheDir)) return undefined;
  // @vscode/test-electron's layout: .vscode-test/vscode-<platform>-<version>/is-complete
  const build = readdirSync(vscodeCacheDir).find(
    (name) => /^vscode-[a-z0-9-]+-[0-9.]+$/.test(name) && existsSync(path.join(vscodeCacheDir, name, 'is-complete')),
  );
  return build && path.join(vscodeCacheDir, build);
}

// The `code` on PATH is a launcher script; Electron's binary sits two folders up
// (e.g. /usr/share/code/bin/code -> /usr/share/code/code).
function desktopVsCodeExecutable(): string | undefined {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  if (found.status !== 0) return undefined;
  const launcher = realpathSync(found.stdout.trim());
  const binary = path.join(path.dirname(path.dirname(launcher)), 'code');
  return existsSync(binary) && binary !== launcher ? binary : undefined;
}

function canShowElectron(): boolean {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return true;
  return spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0;
}
