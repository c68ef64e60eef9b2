/**
 * Shapes of a prompt's text that both family classifiers (`taskFamily`, `promptFamily`) read. Written
 * from prompts of the training split only; no labels.
 */
export const CODE_STUB = /^\s*(?:def |from |import )|"""|'''|>>>/;
export const CODE_REQUEST = /^Write an? (?:python )?function/i;
export const DIGIT = /\d/;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** True when the text starts with a lower-case letter (not a digit or a symbol). */
export function startsLowerCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toLowerCase() && first !== first.toUpperCase();
}
