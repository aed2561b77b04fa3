/**
 * Moves focus to an element when it appears (`{@attach focusOnMount}`). The `autofocus`
 * attribute is ignored once the document has a focused element, e.g. the button that opened it.
 */
export const focusOnMount = (el: HTMLElement) => {
  queueMicrotask(() => el.focus());
};
