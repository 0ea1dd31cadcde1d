/** A tiny element builder: the page needs no framework, only safe DOM construction (text is never parsed as HTML). */
export type AttrValue = string | number | boolean | null | undefined;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, AttrValue>> = {},
  ...children: readonly (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly (Child | readonly Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** A real `<button type="button">` so it works with Enter and Space and never submits a form by accident. */
export function button(
  label: Child | readonly Child[],
  onClick: (event: MouseEvent) => void,
  attrs: Readonly<Record<string, AttrValue>> = {},
): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attrs }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: readonly (Child | readonly Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let ids = 0;
/** Unique ids for label/aria wiring. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** Only http(s) links from upstream shops become anchors; anything else stays text. */
export function safeHref(link: string): string | undefined {
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
