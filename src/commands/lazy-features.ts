// The main bundle's door to dist/features.js. activate() registers every command package.json
// declares with a handler that, on the first run of any of them, requires the features bundle
// and hands it the parts activate() made; so activation neither parses nor runs command code.
// The build finds this file's import of ./features.js by its path and this file's name: keep both.
import type * as vscode from 'vscode';
import type { CommandHandler } from './context';
import type { ActivatedParts, Features } from './features';

export class LazyFeatures implements vscode.WebviewPanelSerializer {
  private loading: Promise<Features> | undefined;
  private features: Features | undefined;

  constructor(
    private readonly parts: ActivatedParts,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** The features, once a command (or a restored editor tab) has loaded them. */
  get loaded(): Features | undefined {
    return this.features;
  }

  load(): Promise<Features> {
    this.loading ??= import('./features.js').then(
      (module) => (this.features = module.createFeatures(this.parts, this.extensionUri)),
      (error: unknown) => {
        this.loading = undefined; // a later command tries again rather than failing forever
        throw error;
      },
    );
    return this.loading;
  }

  /** The handler registered at activation for a command: the real one, loaded on first use. */
  handler(commandId: string): CommandHandler {
    return async (...args: unknown[]) => {
      const handler = (await this.load()).commands.get(commandId);
      if (!handler) throw new Error(`Command ${commandId} is declared in package.json but has no handler`);
      return handler(...args);
    };
  }

  /** VS Code restores an attribute editor tab after a reload: the editor is a feature too. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    await (await this.load()).context.editors.deserializeWebviewPanel(panel, saved);
  }
}
