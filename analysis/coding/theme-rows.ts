/** The answers (rows) of each theme, and each answer's themes: what settling and joining themes change in place. */
export interface ThemeRows {
  themeRows: number[][];
  /** Each answer's themes, its main theme first. */
  carried: Map<number, number[]>;
}

/** Answers carried by theme `from` are carried by `to` instead, in the same place among their themes. */
export function moveRows({ themeRows, carried }: ThemeRows, rows: number[], from: number, to: number): void {
  for (const row of rows) {
    const themes = carried.get(row) ?? [];
    if (!themes.includes(to)) themeRows[to]!.push(row);
    carried.set(row, [...new Set(themes.map((other) => (other === from ? to : other)))]);
  }
}

/** `order` keeps the themes that still have answers, largest first, as themes are listed. */
export function keepLargestFirst(order: number[], themeRows: number[][]): void {
  const kept = order.filter((t) => themeRows[t]!.length > 0);
  kept.sort((a, b) => themeRows[b]!.length - themeRows[a]!.length);
  order.splice(0, order.length, ...kept);
}
