// A running Apply (its progress as the notification shows it) and a finished one (its
// summary in the outcome model's four counts, and the per-account report).
import type { BulkApplySummary } from '../../src/editor/shared/bulk-protocol';
import { h, icon } from '../editor/dom';

export interface Progress {
  message: string;
  done: number;
  total: number;
}

export function renderProgress(container: HTMLElement, progress: Progress): void {
  const bar = h('progress', { attrs: { 'aria-label': 'Apply progress' } });
  bar.max = Math.max(1, progress.total);
  bar.value = progress.done;
  container.replaceChildren(
    h('div', { className: 'banner info', attrs: { role: 'status' } }, [
      icon('sync'),
      h('div', { className: 'outcome-body' }, [
        h('span', { className: 'banner-message', text: `Applying: ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')}. ${progress.message}` }),
        bar,
        h('span', { className: 'hint', text: 'Cancel it from the progress notification; it goes on if this tab is closed.' }),
      ]),
    ]),
  );
}

export function renderSummary(container: HTMLElement, result: BulkApplySummary, openReport: () => void): void {
  const failed = result.notApplied + result.unknown > 0;
  const counts = h('dl', { id: 'applied-counts', className: 'applied-counts' }, [
    ...([
      ['Applied', result.applied],
      ['Not applied', result.notApplied],
      ['Unknown', result.unknown],
      ['Not sent', result.notSent],
    ] as const).flatMap(([label, value]) => [h('dt', { text: label }), h('dd', { text: value.toLocaleString('en-US') })]),
  ]);
  const body = h('div', { className: 'outcome-body' }, [h('span', { className: 'banner-message', text: result.summary }), counts]);
  if (result.report) {
    const open = h('button', { id: 'open-report', className: 'secondary', attrs: { type: 'button' } }, [icon('go-to-file'), document.createTextNode(' Open Report')]);
    open.addEventListener('click', openReport);
    body.append(open);
  }
  container.replaceChildren(h('div', { className: `banner ${failed ? 'error' : 'info'}`, attrs: { role: 'status' } }, [icon(failed ? 'warning' : 'pass'), body]));
}

export function renderError(container: HTMLElement, message: string, dismiss: () => void): void {
  const close = h('button', { className: 'text-button', text: 'Dismiss', attrs: { type: 'button' } });
  close.addEventListener('click', dismiss);
  container.replaceChildren(h('div', { className: 'banner error', attrs: { role: 'alert' } }, [icon('error'), h('div', { className: 'banner-text' }, [h('span', { text: message }), close])]));
}
