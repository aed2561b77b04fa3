/** Folds a suggested name so spellings of the same service count together: "Hey-Bank!" → "heybank". */
export const suggestionKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
