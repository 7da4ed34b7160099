/** A count with its noun in the right number: "1 answer", "2 answers". English only, as the staff pages are. */
export const countText = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
