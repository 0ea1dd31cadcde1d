// The bench's output: a table on the terminal, and every raw number in bench/results/<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../scripts/infra/paths.mjs';

const COLUMNS = ['id', 'figure', 'value', 'reference', 'ratio / goal', 'met?'];

function cells(row) {
  return [
    row.id,
    row.title,
    row.value,
    row.reference,
    row.ratio,
    row.met === undefined ? '—' : row.met ? 'yes' : 'NO',
  ];
}

/** Plain text, one line per figure, columns padded (wide, but greppable and diffable). */
export function formatTable(rows) {
  const lines = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, c) => Math.max(...lines.map((line) => String(line[c]).length)));
  return lines
    .map((line, i) => {
      const text = line.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ');
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}` : text;
    })
    .join('\n');
}

/** The same rows as a Markdown table, for the README. */
export function formatMarkdown(rows) {
  const escape = (cell) => String(cell).replaceAll('|', '\\|');
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Writes the report; returns its path. */
export function writeResults(report, startedAt) {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  const file = join(dir, `${stamp}${report.quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
