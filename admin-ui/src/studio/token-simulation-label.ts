/**
 * bpmn-js-token-simulation writes its toggle's label ("Token Simulation") into the DOM itself,
 * without the translate service, and again on every toggle: keep the label in the page's language.
 */
export function relabelTokenSimulation(container: HTMLElement, label: string): () => void {
  const relabel = () => {
    const toggle = container.querySelector('.bts-toggle-mode');
    const text = toggle?.firstChild;
    if (text?.nodeType === Node.TEXT_NODE && text.textContent !== `${label} `) text.textContent = `${label} `;
  };
  relabel();
  const observer = new MutationObserver(relabel);
  observer.observe(container, { childList: true, subtree: true });
  return () => observer.disconnect();
}
