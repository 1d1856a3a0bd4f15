import { XmlElement, XmlText, XmlCData, type XmlTreeNode } from 'libxml2-wasm';

/** A parsed element copied out of libxml2 into plain JavaScript: mapping code walks this, not the WebAssembly heap. */
export interface XmlElementNode {
  readonly name: string;
  readonly ns: string;
  readonly line: number;
  readonly children: XmlElementNode[];
  /** The element's own text (its text and CDATA children, concatenated); '' for elements with element children. */
  readonly text: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Copies an element and its subtree (iteratively: depth is already bounded, but no recursion is needed either). */
export function copyElementTree(root: XmlElement): XmlElementNode {
  const make = (element: XmlElement): XmlElementNode & { text: string } => {
    const attributes: Record<string, string> = {};
    for (const attr of element.attrs) attributes[attr.name] = attr.value;
    return { name: element.name, ns: element.namespaceUri, line: element.line, children: [], text: '', attributes };
  };
  const top = make(root);
  const stack: { source: XmlElement; target: XmlElementNode & { text: string } }[] = [{ source: root, target: top }];
  while (stack.length > 0) {
    const { source, target } = stack.pop()!;
    let text = '';
    for (let child: XmlTreeNode | null = source.firstChild; child !== null; child = child.next) {
      if (child instanceof XmlElement) {
        const node = make(child);
        target.children.push(node);
        stack.push({ source: child, target: node });
      } else if (child instanceof XmlText || child instanceof XmlCData) {
        text += child.content;
      }
    }
    target.text = target.children.length === 0 ? text : '';
  }
  return top;
}

/** The first child element named `name` (local name), or undefined. */
export function child(node: XmlElementNode | undefined, name: string): XmlElementNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function children(node: XmlElementNode | undefined, name: string): XmlElementNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

/** The text at a path of child names (`text(tx, 'PmtId', 'EndToEndId')`), trimmed; undefined when absent or blank. */
export function textAt(node: XmlElementNode | undefined, ...path: string[]): string | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  const value = current?.text.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function nodeAt(node: XmlElementNode | undefined, ...path: string[]): XmlElementNode | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current;
}
