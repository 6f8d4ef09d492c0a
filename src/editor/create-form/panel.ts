// One Create Account form tab: shows the schema's form, checks what the webview sends (it is
// input), hands a valid submit to the command's create (the journal's path), and keeps the
// values through refusals, so nothing typed is lost on an error.
import * as vscode from 'vscode';
import { hasTypedValues, readCreateValues, type NewAccount } from '../../core/create-form';
import type { ChangeReport } from '../../core/change-report';
import { errorMessage } from '../../ui/error-text';
import type { Ui } from '../../ui/prompts';
import type { CreateFormSpec, FieldProblem, FormValues, ShowCreateForm } from '../shared/create-form-protocol';
import { renderCreateFormHtml } from './html';
import { guardCreateFormMessage } from './message-guard';

export interface CreateFormServices {
  extensionUri: vscode.Uri;
  ui: Ui;
  log: vscode.LogOutputChannel;
}

/** Sends the new account through the journal; its report says whether ISC created it. */
export type SubmitNewAccount = (account: NewAccount) => Promise<ChangeReport>;

/** How a tab ended: created (or may have been), cancelled, or closed with what was typed. */
export type FormEnd = { kind: 'submitted'; report: ChangeReport } | { kind: 'cancelled' } | { kind: 'closed'; values: FormValues };

export class CreateAccountFormPanel {
  private values: FormValues;
  private problems: FieldProblem[] = [];
  private notice: string | null = null;
  private busy = false;
  private ended = false;
  private disposed = false;
  private finish!: (end: FormEnd) => void;
  /** Settles when the tab is done with. */
  readonly end = new Promise<FormEnd>((resolve) => (this.finish = resolve));
  /** The last state posted to the webview: what it shows. */
  shown: ShowCreateForm | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly form: CreateFormSpec,
    private readonly services: CreateFormServices,
    private readonly submit: SubmitNewAccount,
    values: FormValues,
  ) {
    this.values = values;
    panel.webview.html = renderCreateFormHtml(panel.webview, services.extensionUri);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    panel.onDidDispose(() => {
      this.disposed = true;
      // Closed while a create is being sent: its outcome decides how the tab ended.
      if (!this.busy) this.done({ kind: 'closed', values: this.values });
    });
  }

  get typedValues(): FormValues {
    return { ...this.values };
  }

  /** The extension's side of the protocol; refused messages are logged and ignored. */
  async receive(raw: unknown): Promise<'handled' | 'refused'> {
    const guarded = guardCreateFormMessage(raw);
    if (!guarded.ok) {
      this.services.log.warn(`Create Account form (${this.form.sourceName}): ignored a message from the webview: ${guarded.reason}.`);
      return 'refused';
    }
    const message = guarded.message;
    switch (message.type) {
      case 'ready':
        this.show();
        break;
      case 'changed':
        this.values = message.values;
        break;
      case 'submit':
        this.values = message.values;
        await this.create();
        break;
      case 'cancel':
        await this.cancel();
        break;
    }
    return 'handled';
  }

  private show(): void {
    if (this.ended || this.disposed) return;
    this.shown = { type: 'show', form: this.form, values: this.values, problems: this.problems, notice: this.notice, busy: this.busy };
    void this.panel.webview.postMessage(this.shown);
  }

  private async create(): Promise<void> {
    if (this.busy) return;
    const read = readCreateValues(this.form, this.values);
    if (!read.ok) {
      this.problems = read.problems;
      this.notice = `Nothing was sent: ${read.problems.length === 1 ? '1 value needs' : `${read.problems.length} values need`} fixing.`;
      this.services.log.info(`Create Account form (${this.form.sourceName}): refused before sending: ${read.problems.map((p) => p.message).join(' ')}`);
      return this.show();
    }
    this.problems = [];
    this.notice = 'Creating the account…';
    this.busy = true;
    this.show();
    try {
      const report = await this.submit(read.account);
      const [result] = report.results;
      // Only a create ISC surely did not take may be sent again; "may have been applied" may not.
      if (result && (result.outcome === 'not-applied' || result.outcome === 'not-sent')) {
        if (this.disposed) this.done({ kind: 'closed', values: this.values });
        this.notice = `ISC did not create the account: ${result.reason ?? result.outcome}. Your values are kept: fix them and Create again.`;
      } else {
        this.done({ kind: 'submitted', report });
        this.panel.dispose();
        return;
      }
    } catch (error) {
      if (this.disposed) this.done({ kind: 'closed', values: this.values });
      this.notice = `The account was not created: ${errorMessage(error)} Your values are kept.`;
    } finally {
      this.busy = false;
    }
    this.show();
  }

  private async cancel(): Promise<void> {
    if (this.busy) return;
    if (hasTypedValues(this.values)) {
      const discard = await this.services.ui.confirm({
        message: `Discard the values typed for the new account on "${this.form.sourceName}"?`,
        detail: 'Nothing has been sent to ISC.',
        confirm: 'Discard',
      });
      if (!discard) return;
    }
    this.done({ kind: 'cancelled' });
    this.panel.dispose();
  }

  private done(end: FormEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.finish(end);
  }
}
