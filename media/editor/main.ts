// The attribute editor webview. It never talks to the network: the extension sends the
// account, this script edits a draft, previews the request with the same code the extension
// uses, and asks the extension to Apply. The draft is saved with setState after every change.
import { accountToDraft } from '../../src/editor/shared/draft';
import { isEmptyPlan, planEdits, type EditPlan } from '../../src/editor/shared/plan';
import type {
  EditorDraft,
  EditorTarget,
  ErrorInfo,
  ExtensionToWebview,
  LoadedAccount,
  PersistedEditorState,
  WebviewToExtension,
} from '../../src/editor/shared/protocol';
import type { FormContext, ProblemSlots } from './attribute-row';
import { renderBanners } from './banners';
import * as edits from './edits';
import { renderForm, showProblems } from './form';
import { renderChanges, renderPayload } from './preview';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: PersistedEditorState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  title: byId<HTMLHeadingElement>('title'),
  putMode: byId<HTMLInputElement>('put-mode'),
  reload: byId<HTMLButtonElement>('reload'),
  apply: byId<HTMLButtonElement>('apply'),
  applyHint: byId<HTMLParagraphElement>('apply-hint'),
  banners: byId<HTMLDivElement>('banners'),
  live: byId<HTMLDivElement>('live'),
  form: byId<HTMLFormElement>('form'),
  diff: byId<HTMLUListElement>('diff'),
  payload: byId<HTMLDivElement>('payload'),
};

const model = {
  target: undefined as EditorTarget | undefined,
  base: undefined as LoadedAccount | undefined,
  draft: undefined as EditorDraft | undefined,
  notice: null as string | null,
  failure: null as ErrorInfo | null,
  failureTitle: '',
  loadFailure: null as ErrorInfo | null,
  progress: '',
  busy: false,
};
const slots: ProblemSlots = new Map();
const pending = new Map<number, 'apply' | 'reload'>();
let nextRequestId = 1;
let announcedErrorCount = 0;

function post(message: WebviewToExtension): void {
  vscode.postMessage(message);
}

function announce(text: string): void {
  // Clear first so repeating the same sentence is still announced.
  ui.live.textContent = '';
  window.setTimeout(() => (ui.live.textContent = text), 50);
}

function formContext(draft: EditorDraft, base: LoadedAccount): FormContext {
  return {
    draft,
    readOnly: base.readOnlyReason !== null,
    slots,
    edited: () => changed(),
    restructured: (...focusKeys) => {
      renderAll(focusKeys);
      post({ type: 'draftChanged', draft });
    },
  };
}

function renderAll(focusKeys: string[] = []): void {
  const active = document.activeElement?.getAttribute('data-focus');
  const { base, draft } = model;
  renderBanners(ui.banners, model, bannerActions);
  if (!base || !draft) return;
  ui.title.textContent = `${base.name}${base.sourceName ? ` · ${base.sourceName}` : ''}${model.target ? ` · ${model.target.tenantLabel}` : ''}`;
  ui.putMode.checked = draft.mode === 'put';
  ui.putMode.disabled = base.readOnlyReason !== null;
  renderForm(ui.form, formContext(draft, base));
  refresh();
  for (const key of [...focusKeys, active]) {
    if (!key) continue;
    const element = document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
    if (element && !(element as HTMLButtonElement).disabled) {
      element.focus();
      break;
    }
  }
}

/** Problems, changes, payload and the Apply button follow the draft; the form itself is left alone. */
function refresh(): EditPlan | undefined {
  const { base, draft } = model;
  if (!base || !draft) return undefined;
  const plan = planEdits(base, draft);
  showProblems(slots, plan.problems);
  renderChanges(ui.diff, plan, base, {
    restore: (name, value) => {
      const rowId = edits.restoreAttribute(draft, name, value);
      renderAll([`name:${rowId}`]);
      post({ type: 'draftChanged', draft });
    },
  });
  renderPayload(ui.payload, plan, base.id);
  const errorCount = plan.problems.errors.length;
  ui.apply.disabled = model.busy || plan.blocked || isEmptyPlan(plan);
  ui.reload.disabled = model.busy;
  ui.form.inert = model.busy;
  ui.form.setAttribute('aria-busy', String(model.busy));
  ui.applyHint.textContent = model.busy
    ? 'Applying…'
    : plan.blocked
      ? `Apply is disabled: ${errorCount === 1 ? '1 problem' : `${errorCount} problems`} to fix.`
      : isEmptyPlan(plan)
        ? 'No changes to apply.'
        : `Apply sends ${plan.requestSummary}. Ctrl+Enter applies.`;
  if (errorCount !== announcedErrorCount) {
    announce(errorCount === 0 ? 'All problems fixed.' : `${errorCount === 1 ? '1 problem' : `${errorCount} problems`}: ${plan.problems.errors[0]}`);
    announcedErrorCount = errorCount;
  }
  if (model.target) vscode.setState({ target: model.target, base, draft });
  return plan;
}

function changed(): void {
  refresh();
  if (model.draft) post({ type: 'draftChanged', draft: model.draft });
}

function request(kind: 'apply' | 'reload'): void {
  if (model.busy) return;
  const requestId = nextRequestId++;
  if (kind === 'apply') {
    const plan = refresh();
    if (!model.draft || !plan || plan.blocked || isEmptyPlan(plan)) return;
    pending.set(requestId, kind);
    model.busy = true;
    model.failure = null;
    post({ type: 'apply', requestId, draft: model.draft });
  } else {
    pending.set(requestId, kind);
    post({ type: 'reload', requestId });
  }
  renderAll();
}

const bannerActions = {
  retry: () => request('reload'),
  showLog: () => post({ type: 'showLog' }),
  dismiss: () => {
    model.failure = null;
    renderAll(['apply']);
  },
};

function receive(message: ExtensionToWebview): void {
  switch (message.type) {
    case 'load':
      Object.assign(model, { target: message.target, base: message.base, notice: message.notice, loadFailure: null });
      model.draft = message.draft ?? accountToDraft(message.base);
      return renderAll();
    case 'loadFailed':
      Object.assign(model, { target: message.target, loadFailure: message.error });
      // Saved even without an account, so a window reload tries the load again.
      vscode.setState({ target: message.target, base: model.base, draft: model.draft });
      return renderAll();
    case 'progress':
      model.progress = message.message;
      if (model.busy) renderBanners(ui.banners, model, bannerActions);
      return;
    case 'reply': {
      const kind = pending.get(message.requestId);
      pending.delete(message.requestId);
      if (kind === 'apply') model.busy = false;
      if ('error' in message) {
        model.failure = message.error;
        model.failureTitle = kind === 'apply' ? 'Apply failed' : 'Reload failed';
        announce(`${kind === 'apply' ? 'Apply failed' : 'Reload failed'}: ${message.error.message}. Your edits are kept.`);
      } else if (message.outcome === 'applied') {
        model.failure = null;
        announce('Applied. The form shows the account as ISC now has it.');
      } else if (message.outcome === 'reloaded') {
        model.failure = null;
        announce('Reloaded from ISC.');
      }
      return renderAll(['apply']);
    }
  }
}

window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => receive(event.data));
ui.apply.addEventListener('click', () => request('apply'));
ui.reload.addEventListener('click', () => request('reload'));
ui.putMode.addEventListener('change', () => {
  if (!model.draft) return;
  model.draft.mode = ui.putMode.checked ? 'put' : 'patch';
  changed();
});
ui.form.addEventListener('submit', (event) => event.preventDefault());
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !ui.apply.disabled) {
    event.preventDefault();
    request('apply');
  }
});

// A tab shown again (or restored after a reload) draws its saved draft at once; the
// extension's `load`, answering `ready`, then confirms or replaces it.
const saved = vscode.getState() as Partial<PersistedEditorState> | undefined;
if (saved?.target && saved.base && saved.draft) {
  Object.assign(model, { target: saved.target, base: saved.base, draft: saved.draft });
  renderAll();
}
post({ type: 'ready' });
