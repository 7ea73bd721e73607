/**
 * Keeps the texts a library writes into `container` in the page's language, for libraries without
 * a translation API (the form-js editor): every text node, placeholder, title and aria-label equal
 * to an entry of `dictionary` is replaced, now and whenever the library draws again.
 */
export function translateDom(container: HTMLElement, dictionary: Readonly<Record<string, string>>): () => void {
  const attributes = ['placeholder', 'title', 'aria-label'];
  const translateNode = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent ?? '';
      const translated = dictionary[text.trim()];
      if (translated) node.textContent = text.replace(text.trim(), translated);
      return;
    }
    if (!(node instanceof Element)) return;
    for (const name of attributes) {
      const translated = dictionary[node.getAttribute(name)?.trim() ?? ''];
      if (translated) node.setAttribute(name, translated);
    }
    for (const child of node.childNodes) translateNode(child);
  };
  translateNode(container);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') mutation.addedNodes.forEach(translateNode);
      else translateNode(mutation.target);
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: attributes });
  return () => observer.disconnect();
}
