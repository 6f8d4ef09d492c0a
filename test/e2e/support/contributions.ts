// Reads what an extension's package.json contributes, to turn command ids and view-container
// ids into the labels a person sees (the palette lists "Category: Title", not ids).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  publisher: string;
  name: string;
  main?: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    viewsContainers?: Record<string, { id: string; title: string }[]>;
  };
}

export class Contributions {
  private constructor(private readonly manifest: Manifest) {}

  static read(extensionPath: string): Contributions {
    return new Contributions(JSON.parse(readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as Manifest);
  }

  get extensionId(): string {
    return `${this.manifest.publisher}.${this.manifest.name}`;
  }

  get main(): string | undefined {
    return this.manifest.main;
  }

  /** The palette label of a contributed command id; anything else is taken as a label already. */
  paletteLabel(commandOrLabel: string): string {
    const command = this.manifest.contributes?.commands?.find((entry) => entry.command === commandOrLabel);
    if (!command) return commandOrLabel;
    return command.category ? `${command.category}: ${command.title}` : command.title;
  }

  viewContainerTitle(viewContainerId: string): string {
    const containers = Object.values(this.manifest.contributes?.viewsContainers ?? {}).flat();
    const container = containers.find((entry) => entry.id === viewContainerId);
    if (!container) {
      throw new Error(`package.json contributes no view container '${viewContainerId}' (have: ${containers.map((c) => c.id).join(', ') || 'none'})`);
    }
    return container.title;
  }

  activityBarContainers(): { id: string; title: string }[] {
    return this.manifest.contributes?.viewsContainers?.activitybar ?? [];
  }
}
