// Messages above the form: why attributes are read-only, what just happened, what failed
// (with the server's words and tracking id; the edits stay), and a running Apply.
import type { ErrorInfo, LoadedAccount } from '../../src/editor/shared/protocol';
import { h, icon } from './dom';

export interface BannerModel {
  base?: LoadedAccount;
  notice: string | null;
  failure: ErrorInfo | null;
  /** What failed, e.g. "Apply failed"; the banner adds that the edits are kept. */
  failureTitle: string;
  loadFailure: ErrorInfo | null;
  progress: string;
  busy: boolean;
}

export interface BannerActions {
  retry(): void;
  showLog(): void;
  dismiss(): void;
}

function banner(kind: 'info' | 'warning' | 'error', iconName: string, children: Node[], role?: string): HTMLElement {
  return h('div', { className: `banner ${kind}`, attrs: { role } }, [icon(iconName), h('div', { className: 'banner-text' }, children)]);
}

function button(text: string, focusKey: string, onClick: () => void): HTMLButtonElement {
  const element = h('button', { className: 'text-button', text, attrs: { type: 'button', 'data-focus': focusKey } });
  element.addEventListener('click', onClick);
  return element;
}

function errorDetails(error: ErrorInfo): Node[] {
  const nodes: Node[] = [h('span', { className: 'banner-message', text: error.message })];
  if (error.trackingId) nodes.push(h('span', { className: 'tracking', text: `Tracking id: ${error.trackingId}` }));
  return nodes;
}

export function renderBanners(container: HTMLElement, model: BannerModel, actions: BannerActions): void {
  const banners: HTMLElement[] = [];
  if (model.loadFailure && !model.base) {
    banners.push(
      banner('error', 'error', [h('strong', { text: 'The account could not be loaded. ' }), ...errorDetails(model.loadFailure), button('Retry', 'retry', actions.retry), button('Show Log', 'log', actions.showLog)], 'alert'),
    );
  }
  if (model.base?.readOnlyReason) {
    banners.push(banner('info', 'lock', [h('strong', { text: 'Attributes are read-only. ' }), h('span', { text: model.base.readOnlyReason })]));
  }
  if (model.notice) banners.push(banner('info', 'info', [h('span', { text: model.notice })]));
  if (model.failure) {
    banners.push(
      banner(
        'error',
        'error',
        [
          h('strong', { text: `${model.failureTitle}. Your edits are kept. ` }),
          ...errorDetails(model.failure),
          button('Show Log', 'log', actions.showLog),
          button('Dismiss', 'dismiss', actions.dismiss),
        ],
        'alert',
      ),
    );
  }
  if (model.busy) banners.push(banner('info', 'sync codicon-modifier-spin', [h('span', { text: model.progress || 'Applying…' })]));
  container.replaceChildren(...banners);
}
