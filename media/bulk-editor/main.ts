// The bulk attribute editor webview. It never talks to the network: the extension sends the
// targets' attributes, this script turns the form into an edit and asks for its plan, shows
// the plan, and asks the extension to apply exactly that plan (by its id). A plan is
// applicable only while the form still describes its edit.
import type { BulkApplySummary, BulkEdit, BulkExtensionToWebview, BulkPlanView, BulkWebviewToExtension } from '../../src/editor/shared/bulk-protocol';
import { jsonEqual } from '../../src/patch/json';
import { createEditForm, EMPTY_FORM, readForm, type FormState } from './edit-form';
import { renderError, renderProgress, renderSummary, type Progress } from './outcome';
import { plural, renderPlan } from './plan-view';

interface VsCodeApi {
  postMessage(message: BulkWebviewToExtension): void;
  getState(): unknown;
  setState(state: { form: FormState }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  title: byId<HTMLHeadingElement>('title'),
  targets: byId<HTMLParagraphElement>('targets'),
  banners: byId<HTMLDivElement>('banners'),
  live: byId<HTMLDivElement>('live'),
  form: byId<HTMLFormElement>('edit-form'),
  apply: byId<HTMLButtonElement>('apply'),
  applyLabel: byId<HTMLSpanElement>('apply-label'),
  applyHint: byId<HTMLParagraphElement>('apply-hint'),
  outcome: byId<HTMLDivElement>('outcome'),
  planBody: byId<HTMLDivElement>('plan-body'),
};

const model = {
  plan: undefined as BulkPlanView | undefined,
  planning: false,
  applying: false,
  progress: undefined as Progress | undefined,
  result: undefined as BulkApplySummary | undefined,
  error: '',
};

const post = (message: BulkWebviewToExtension) => vscode.postMessage(message);

function announce(text: string): void {
  // Cleared first so the same sentence twice is still read out.
  ui.live.textContent = '';
  window.setTimeout(() => (ui.live.textContent = text), 50);
}

function sameEdit(a: BulkEdit, b: BulkEdit): boolean {
  if (a.kind !== b.kind || a.attribute !== b.attribute) return false;
  if (a.kind === 'set' && b.kind === 'set') return jsonEqual(a.value, b.value);
  if ((a.kind === 'add-item' || a.kind === 'remove-item') && (b.kind === 'add-item' || b.kind === 'remove-item')) return a.item === b.item;
  return true;
}

/** The edit the form describes now, if it describes one. */
function currentEdit(): BulkEdit | undefined {
  const reading = readForm(form.state());
  return reading.ok ? reading.edit : undefined;
}

/** The plan shown is the one Apply sends: only while the form still describes its edit. */
function shownPlan(): BulkPlanView | undefined {
  const edit = currentEdit();
  return model.plan && edit && sameEdit(model.plan.edit, edit) ? model.plan : undefined;
}

function render(): void {
  const plan = shownPlan();
  const busy = model.planning || model.applying;
  form.showPlan.disabled = busy;
  form.cancel.hidden = !model.planning;
  form.setDisabled(model.applying);
  if (plan) renderPlan(ui.planBody, plan);
  else ui.planBody.replaceChildren();
  ui.apply.disabled = !plan || plan.changed === 0 || busy;
  ui.applyLabel.textContent = plan && plan.changed > 0 ? `Apply to ${plural(plan.changed, 'account')}` : 'Apply';
  ui.applyHint.textContent = model.applying
    ? 'Applying the plan…'
    : model.planning
      ? 'Making the plan…'
      : plan
        ? plan.changed === 0
          ? 'This edit changes no account: nothing to apply.'
          : 'Apply sends exactly the plan shown; Apply asks once more before it starts.'
        : model.plan
          ? 'The edit changed since its plan was made: press Show Plan again.'
          : model.result
            ? 'That plan was applied. Close this tab, or plan another edit.'
            : 'Choose an edit and press Show Plan to see what Apply would send.';
  if (model.error) renderError(ui.banners, model.error, () => ((model.error = ''), render()));
  else ui.banners.replaceChildren();
  if (model.applying && model.progress) renderProgress(ui.outcome, model.progress);
  else if (model.result) renderSummary(ui.outcome, model.result, () => post({ type: 'open-report' }));
  else ui.outcome.replaceChildren();
}

function formChanged(): void {
  vscode.setState({ form: form.state() });
  form.setProblem('');
  render();
}

function requestPlan(): void {
  if (model.planning || model.applying) return;
  const reading = readForm(form.state());
  if (!reading.ok) {
    form.setProblem(reading.problem);
    announce(reading.problem);
    return;
  }
  form.setProblem('');
  model.planning = true;
  model.error = '';
  post({ type: 'plan', edit: reading.edit });
  render();
}

function requestApply(): void {
  const plan = shownPlan();
  if (!plan || plan.changed === 0 || model.applying || model.planning) return;
  model.applying = true;
  model.result = undefined;
  model.progress = { message: 'Starting…', done: 0, total: plan.changed };
  model.error = '';
  post({ type: 'apply', planId: plan.planId });
  render();
}

function receive(message: BulkExtensionToWebview): void {
  switch (message.type) {
    case 'overview':
      ui.title.textContent = message.title;
      ui.targets.textContent = `${plural(message.targets, 'target account')} · ${plural(message.attributes.length, 'attribute')} seen on them`;
      form.setAttributes(message.attributes);
      return render();
    case 'plan': {
      model.planning = false;
      const edit = currentEdit();
      // A plan for an edit the form no longer shows would mislead: it is dropped.
      if (edit && sameEdit(message.plan.edit, edit)) {
        model.plan = message.plan;
        const { changed, unchanged, skipped } = message.plan;
        announce(`Plan: ${changed} will change, ${unchanged.length} unchanged, ${skipped.length} skipped.`);
      }
      return render();
    }
    case 'plan-error':
      model.planning = false;
      form.setProblem(message.message);
      announce(message.message);
      return render();
    case 'progress':
      model.applying = true;
      model.progress = { message: message.message, done: message.done, total: message.total };
      return render();
    case 'applied':
      Object.assign(model, { applying: false, plan: undefined, result: message.result, progress: undefined });
      announce(`Apply finished: ${message.result.summary}`);
      return render();
    case 'apply-cancelled':
      Object.assign(model, { applying: false, progress: undefined });
      announce('Apply was cancelled; nothing was sent.');
      return render();
    case 'error':
      Object.assign(model, { applying: false, progress: undefined, error: message.message });
      announce(message.message);
      return render();
  }
}

const form = createEditForm(ui.form, formChanged);
const saved = vscode.getState() as { form?: FormState } | undefined;
form.restore({ ...EMPTY_FORM, ...saved?.form });
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  requestPlan();
});
form.cancel.addEventListener('click', () => post({ type: 'cancel' }));
ui.apply.addEventListener('click', requestApply);
window.addEventListener('message', (event: MessageEvent<BulkExtensionToWebview>) => receive(event.data));
render();
post({ type: 'ready' });
