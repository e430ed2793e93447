// Small DOM helpers of the operator page. Data goes in through textContent only, so nothing a
// visitor typed can run here.

export const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export type Cell = string | number | null | undefined | Node;

/** An element with text and, optionally, a class. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A status as a coloured label (operator.css has a class per status). */
export const statusLabel = (status: string): HTMLElement => element('span', status, `status status-${status}`);

/** Adds one row per item; a cell may be text or an element. */
export function appendRows(table: HTMLTableElement, rows: Cell[][]): void {
  for (const row of rows) {
    const tr = table.insertRow();
    for (const cell of row) {
      const td = tr.insertCell();
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null || cell === undefined ? '' : String(cell);
    }
  }
}

/** Replaces a table's content: a header row, then the rows. */
export function fillTable(table: HTMLTableElement, headers: string[], rows: Cell[][]): void {
  table.replaceChildren();
  const head = table.insertRow();
  for (const header of headers) head.append(element('th', header));
  appendRows(table, rows);
}

export const time = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : '');

/** "in 2 min" or "5 min ago", for how far a time is from now. */
export function relative(ms: number, now = Date.now()): string {
  const seconds = Math.round(Math.abs(ms - now) / 1000);
  const amount = seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return ms >= now ? `in ${amount}` : `${amount} ago`;
}
