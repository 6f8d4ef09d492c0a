// The open Create Account forms, one per tenant and source. Create Account opens a form here
// and waits for its end; a form closed with values typed asks whether to reopen it, and
// reopens with the same values (VS Code cannot veto closing a tab).
import * as vscode from 'vscode';
import { hasTypedValues } from '../../core/create-form';
import type { ChangeReport } from '../../core/change-report';
import { editorPanelOptions } from '../html';
import { CREATE_FORM_VIEW_TYPE, type CreateFormSpec, type FormValues } from '../shared/create-form-protocol';
import { CreateAccountFormPanel, type CreateFormServices, type SubmitNewAccount } from './panel';

const REOPEN = 'Reopen the Form';
const DISCARD = 'Discard the Values';

export class CreateAccountForms {
  private readonly panels = new Map<string, CreateAccountFormPanel>();
  private readonly results = new Map<string, Promise<ChangeReport | undefined>>();

  constructor(private readonly services: CreateFormServices) {}

  /**
   * Shows the form and settles with the create's report, or undefined when the user cancelled
   * or discarded. A form already open for the source is revealed and its result shared.
   */
  show(tenantId: string, form: CreateFormSpec, submit: SubmitNewAccount): Promise<ChangeReport | undefined> {
    const key = `${tenantId}\u0000${form.sourceId}`;
    const existing = this.results.get(key);
    if (existing) {
      this.panels.get(key)?.panel.reveal();
      return existing;
    }
    const result = this.run(key, form, submit, {}).finally(() => {
      this.results.delete(key);
      this.panels.delete(key);
    });
    this.results.set(key, result);
    return result;
  }

  /** For tests in the real VS Code: the open form of a source, if any. */
  find(tenantId: string, sourceId: string): CreateAccountFormPanel | undefined {
    return this.panels.get(`${tenantId}\u0000${sourceId}`);
  }

  private async run(key: string, form: CreateFormSpec, submit: SubmitNewAccount, values: FormValues): Promise<ChangeReport | undefined> {
    for (;;) {
      const panel = this.create(form, submit, values);
      this.panels.set(key, panel);
      const end = await panel.end;
      if (end.kind === 'submitted') return end.report;
      if (end.kind === 'cancelled' || !hasTypedValues(end.values)) return undefined;
      if (!(await this.reopen(form, end.values))) return undefined;
      values = end.values;
    }
  }

  private async reopen(form: CreateFormSpec, values: FormValues): Promise<boolean> {
    try {
      const answer = await this.services.ui.choose({
        message: `The Create Account form for "${form.sourceName}" was closed with values typed.`,
        detail: 'Reopen it to keep working on them, or discard them. Nothing has been sent to ISC.',
        choices: [REOPEN, DISCARD],
      });
      if (answer !== DISCARD) return true;
    } catch (error) {
      this.services.log.warn(`Create Account form (${form.sourceName}): closed with values typed and could not ask: ${String(error)}`);
    }
    this.services.log.info(`Create Account form (${form.sourceName}): closed, typed values discarded (${Object.keys(values).length} field(s)).`);
    return false;
  }

  private create(form: CreateFormSpec, submit: SubmitNewAccount, values: FormValues): CreateAccountFormPanel {
    const panel = vscode.window.createWebviewPanel(CREATE_FORM_VIEW_TYPE, `New account: ${form.sourceName}`, vscode.ViewColumn.Active, editorPanelOptions(this.services.extensionUri));
    return new CreateAccountFormPanel(panel, form, this.services, submit, values);
  }
}
