// The chosen attribute's current values across the targets: value → count, most common
// first, with the rest counted as "other values". Values are shown as text, never markup.
import type { AttributeOverview } from '../../src/editor/shared/bulk-protocol';
import { h } from '../editor/dom';

function accounts(count: number): string {
  return count === 1 ? '1 account' : `${count.toLocaleString('en-US')} accounts`;
}

export function renderDistribution(container: HTMLElement, name: string, found: AttributeOverview | undefined): void {
  if (name.trim() === '') return container.replaceChildren();
  if (!found) {
    container.replaceChildren(h('p', { className: 'hint', text: `No target has ${name} yet: Set adds it to every account.` }));
    return;
  }
  const max = Math.max(1, ...found.distribution.map((entry) => entry.count));
  const rows = found.distribution.map((entry) =>
    h('tr', {}, [
      h('td', { className: 'dist-value' }, [h('code', { text: entry.value })]),
      h('td', { className: 'dist-count', text: entry.count.toLocaleString('en-US') }),
      h('td', { className: 'dist-bar', attrs: { 'aria-hidden': 'true' } }, [h('span')]),
    ]),
  );
  // The bar's width is set through CSSOM, which the CSP allows (an inline style attribute it would not).
  rows.forEach((row, index) => {
    const bar = row.querySelector<HTMLSpanElement>('.dist-bar span');
    if (bar) bar.style.width = `${Math.round((found.distribution[index].count / max) * 100)}%`;
  });
  const table = h('table', { className: 'dist-table' }, [
    h('caption', { text: `Current values of ${found.name}${found.multiValued ? ' (multi-valued)' : ''}` }),
    h('thead', {}, [h('tr', {}, [h('th', { text: 'Value', attrs: { scope: 'col' } }), h('th', { text: 'Accounts', attrs: { scope: 'col' } }), h('th', { className: 'visually-hidden', text: 'Share' })])]),
    h('tbody', {}, rows),
  ]);
  const other = found.otherValues > 0 ? h('p', { className: 'hint', text: `${accounts(found.otherValues)} with other values` }) : null;
  container.replaceChildren(table, ...(other ? [other] : []));
}
