/** A few DOM helpers, so the views stay readable without a framework. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}.`);
  return found as T;
}

export interface ElementProps {
  className?: string;
  text?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (props.className) created.className = props.className;
  if (props.text !== undefined) created.textContent = props.text;
  for (const [name, value] of Object.entries(props.attributes ?? {})) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

/** A `<dl>` of label/value pairs; values may be missing and then show as a dash. */
export function factList(facts: Array<[string, string | undefined]>, className = 'facts'): HTMLDListElement {
  const list = element('dl', { className });
  for (const [label, value] of facts) {
    list.append(element('div', {}, [element('dt', { text: label }), element('dd', { text: value ?? '—' })]));
  }
  return list;
}
