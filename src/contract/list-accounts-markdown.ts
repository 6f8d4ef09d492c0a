// The README's "Filtering and sorting accounts" section, rendered from the one statement of the
// list-accounts contract, so the documentation cannot drift from what the extension checks.
// `npm run readme:filters` writes it between the markers; a unit test fails when they differ.
import { DATE_TIME_EXAMPLE } from './filter-values';
import { ACCOUNT_FILTER_FIELDS, ACCOUNT_FILTER_FIELD_NAMES, ACCOUNT_SORTABLE_FIELDS, type FilterFieldRule } from './list-accounts';

export const SECTION_BEGIN = '<!-- list-accounts-contract:begin -->';
export const SECTION_END = '<!-- list-accounts-contract:end -->';

const code = (text: string) => `\`${text}\``;

const KIND_TEXT: Record<FilterFieldRule['value'], string> = {
  string: 'text in double quotes',
  boolean: `${code('true')}, ${code('false')}`,
  datetime: 'date-time (RFC 3339, bare)',
};

function valuesOf(rule: FilterFieldRule): string {
  return rule.values ? rule.values.map((value) => code(`"${value}"`)).join(', ') : KIND_TEXT[rule.value];
}

/** The section's body, markers included (the heading stays outside them). */
export function renderListAccountsSection(): string {
  const rows = ACCOUNT_FILTER_FIELD_NAMES.map((field) => {
    const rule: FilterFieldRule = ACCOUNT_FILTER_FIELDS[field];
    return `| ${code(field)} | ${rule.operators.map(code).join(', ')} | ${valuesOf(rule)} |`;
  });
  return [
    SECTION_BEGIN,
    '<!-- Rendered from src/contract/list-accounts.ts by `npm run readme:filters`; edit the contract, not this. -->',
    '*Filter Accounts…* on a source takes an ISC filter: conditions `field operator value`, joined with',
    '`and` and `or`, negated with `not`, grouped with parentheses. The input offers the fields, the operators',
    'of the field typed and its values as you type, says "Did you mean …?" for a misspelling, and sends',
    'nothing ISC would refuse.',
    '',
    'Values are written as ISC takes them: text in double quotes, where `\\"` and `\\\\` are the only escapes;',
    `\`true\` and \`false\` bare; date-times in RFC 3339 form and bare, e.g. ${code(DATE_TIME_EXAMPLE)} (a date alone`,
    'has no time or time zone and is refused; the input offers the full form). Enumerated values may be',
    'typed in any case. For example:',
    '',
    '```',
    `name sw "ann" and origin eq "AGGREGATED" and modified ge ${DATE_TIME_EXAMPLE}`,
    '```',
    '',
    '| Field | Operators | Values |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `*Sort Accounts…* sorts by ${ACCOUNT_SORTABLE_FIELDS.map(code).join(', ')}, ascending or descending.`,
    SECTION_END,
  ].join('\n');
}

/** The README with the section put in place: between the markers, or as a new section before "## Settings". */
export function withListAccountsSection(readme: string): string {
  const begin = readme.indexOf(SECTION_BEGIN);
  const end = readme.indexOf(SECTION_END);
  if (begin >= 0 && end > begin) return `${readme.slice(0, begin)}${renderListAccountsSection()}${readme.slice(end + SECTION_END.length)}`;
  const settings = readme.indexOf('\n## Settings\n');
  if (settings < 0) throw new Error('README.md has neither the list-accounts markers nor a "## Settings" section to put them before');
  return `${readme.slice(0, settings + 1)}## Filtering and sorting accounts\n\n${renderListAccountsSection()}\n\n${readme.slice(settings + 1)}`;
}
