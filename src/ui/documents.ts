// Read-only documents: an account's JSON (`isc-account:`, fetched fresh when opened), and
// reports of bulk actions and Activity entries' JSON (`isc-report:`, kept in memory). A content provider's documents
// cannot be edited, which is the point: they show what ISC said.
import * as vscode from 'vscode';

export const ACCOUNT_SCHEME = 'isc-account';
export const REPORT_SCHEME = 'isc-report';

export type AccountJsonSource = (tenantId: string, accountId: string) => Promise<unknown>;

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly reports = new Map<string, string>();
  private reportCount = 0;
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly fetchAccount: AccountJsonSource) {
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(ACCOUNT_SCHEME, this),
      vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.scheme === REPORT_SCHEME) return this.reports.get(uri.toString()) ?? 'This report is no longer available.';
    const query = new URLSearchParams(uri.query);
    const tenantId = query.get('tenant') ?? '';
    const accountId = query.get('account') ?? '';
    try {
      return `${JSON.stringify(await this.fetchAccount(tenantId, accountId), null, 2)}\n`;
    } catch (error) {
      // The document shows the failure instead of an empty editor.
      const message = error instanceof Error ? error.message : String(error);
      return `// Could not load account ${accountId}: ${message}\n`;
    }
  }

  accountUri(tenantId: string, tenantLabel: string, accountId: string, accountName: string): vscode.Uri {
    const query = new URLSearchParams({ tenant: tenantId, account: accountId }).toString();
    return vscode.Uri.from({ scheme: ACCOUNT_SCHEME, path: `/${safeName(tenantLabel)}/${safeName(accountName)}.json`, query });
  }

  /** Opens the account's JSON, fetched again even if the document is already open. */
  async showAccount(tenantId: string, tenantLabel: string, accountId: string, accountName: string): Promise<vscode.TextDocument> {
    const uri = this.accountUri(tenantId, tenantLabel, accountId, accountName);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const json = await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(json, { preview: true });
    return json;
  }

  /** Keeps a report and returns the address of its read-only document. */
  addReport(title: string, text: string, extension: 'md' | 'json' = 'md'): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${safeName(title)} ${++this.reportCount}.${extension}` });
    this.reports.set(uri.toString(), text);
    return uri;
  }

  /** Opens a value as indented JSON in a read-only document. */
  async showJson(title: string, value: unknown): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(this.addReport(title, `${JSON.stringify(value, null, 2)}\n`, 'json'));
    const json = await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(json, { preview: true });
    return json;
  }

  async showReport(uri: vscode.Uri): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
    this.changed.dispose();
  }
}

function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|#%]+/g, '_').slice(0, 80) || 'untitled';
}
