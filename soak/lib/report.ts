/** The report: one Markdown table (scenario, store, mode, figures against their aims), then the findings. */
import type { Row } from './setup.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** "unanswered 3 (aim 0 ✗)" for figures with an aim, "turns 480" for the rest. */
function figures(row: Row, withAims: boolean): string {
  return row.figures
    .filter((f) => (f.aim !== undefined) === withAims)
    .map((f) => (f.aim !== undefined ? `${f.name} ${f.value} (aim ${f.aim}${f.ok === undefined ? '' : f.ok ? ' ✓' : ' ✗'})` : `${f.name} ${f.value}`))
    .join(' · ');
}

/** ✓ when every aim is met, ✗ naming the figures that miss. */
export function verdictOf(row: Row): string {
  if (row.skipped) return `skipped: ${row.skipped}`;
  if (row.error) return `error: ${row.error.split('\n')[0]?.slice(0, 120)}`;
  const missed = row.figures.filter((f) => f.ok === false).map((f) => f.name);
  return missed.length === 0 ? '✓' : `✗ ${missed.join(', ')}`;
}

export function table(rows: readonly Row[]): string {
  const lines = ['| scenario | store | mode | figures against the aims | also measured | result |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(`| ${cell(row.scenario)} | ${row.store} | ${cell(row.mode)} | ${cell(figures(row, true) || '–')} | ${cell(figures(row, false) || '–')} | ${cell(verdictOf(row))} |`);
  }
  return lines.join('\n');
}

export function findings(rows: readonly Row[]): string {
  const out: string[] = [];
  for (const row of rows) {
    const notes = [...(row.error ? [row.error] : []), ...row.notes].slice(0, 8);
    if (notes.length === 0) continue;
    out.push(`${row.id} (${row.seconds.toFixed(0)} s):`, ...notes.map((n) => `  - ${n.replace(/\n/g, '\n    ')}`));
  }
  return out.join('\n');
}
