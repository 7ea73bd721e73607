// diagram-js's own stylesheet, the one bpmn-js ships: dmn-js's copy is older and would override it.
import 'diagram-js/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import DmnModeler from 'dmn-js/lib/Modeler';
import { useEffect, useRef, useState } from 'react';
import { translateModule } from '../i18n/diagram-translate.js';
import { dmnJsVi } from '../i18n/dmn-js.vi.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import { PendingInput, useFlushBeforeSave } from './pending-edits.js';

interface Props {
  xml: string;
  onChange(xml: string): void;
}

interface View {
  id: string;
  name?: string;
  type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression';
}

type Viewer = { on(event: string, callback: (event: { trigger?: string }) => void): void; get(name: string): unknown };
type Box = { x: number; y: number; width: number; height: number };
type Canvas = { viewbox(box?: Box): Box & { inner: Box; outer: Box } };

/**
 * The DRD's palette and its definitions box float over the diagram's top left corner: show the
 * diagram at full size to the right of the one and below the other.
 */
function arrangeDrd(viewer: Viewer, container: HTMLElement) {
  const canvas = viewer.get('canvas') as Canvas;
  const origin = container.getBoundingClientRect();
  const palette = container.querySelector('.djs-palette')?.getBoundingClientRect();
  const definitions = container.querySelector('.dmn-definitions')?.getBoundingClientRect();
  const left = palette ? palette.right - origin.left + 24 : 24;
  const top = definitions ? definitions.bottom - origin.top + 24 : 24;
  const { inner, outer } = canvas.viewbox();
  canvas.viewbox({ x: inner.x - left, y: inner.y - top, width: outer.width, height: outer.height });
}

/**
 * dmn-js Modeler for one DMN file: the decision table opens first, and every view of the file (the
 * DRD, each decision) is a tab above it. Only an edit reports a change: importing the file or
 * switching views clears the command stack, which is not one.
 */
export default function DecisionEditor({ xml, onChange }: Props) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const modeler = useRef<DmnModeler>(null);
  const lastXml = useRef('');
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;
  const [views, setViews] = useState<{ all: View[]; active?: View }>({ all: [] });
  const [error, setError] = useState<unknown>();
  const pendingInput = useRef(new PendingInput());
  // The last edit's serialisation, reported when it resolves.
  const reporting = useRef<Promise<void>>(Promise.resolve());
  useFlushBeforeSave(async () => {
    pendingInput.current.flush();
    await reporting.current;
  });

  // One Modeler per language: dmn-js reads its labels once, when each view is created.
  useEffect(() => {
    // Each view kind gets the modules itself: dmn-js replaces, not merges, `common.additionalModules`.
    const translation = { additionalModules: [translateModule(lang === 'vi' ? dmnJsVi : undefined), pendingInput.current.module('debounceInput')] };
    const instance = new DmnModeler({
      container: box.current!,
      drd: translation,
      decisionTable: translation,
      literalExpression: translation,
      boxedExpression: translation,
    });
    modeler.current = instance;
    const watched = new WeakSet<Viewer>();
    instance.on('views.changed', (event: { views: View[]; activeView?: View }) => {
      setViews({ all: event.views, ...(event.activeView ? { active: event.activeView } : {}) });
      const viewer = instance.getActiveViewer() as Viewer | undefined;
      if (!viewer || watched.has(viewer)) return;
      watched.add(viewer);
      viewer.on('commandStack.changed', ({ trigger }) => {
        if (trigger === 'clear') return;
        reporting.current = instance.saveXML({ format: true }).then(({ xml: saved }) => {
          lastXml.current = saved;
          changeHandler.current(saved);
        });
      });
    });
    lastXml.current = '';
    return () => {
      instance.destroy();
      modeler.current = null;
    };
  }, [lang]);

  // A new file, the draft reloaded or the Modeler recreated: import, unless it is our own last save.
  useEffect(() => {
    const instance = modeler.current;
    if (!instance || xml.trimEnd() === lastXml.current.trimEnd()) return;
    lastXml.current = xml;
    setError(undefined);
    instance
      .importXML(xml)
      .then(() => {
        const available = instance.getViews();
        const first = available.find((view: View) => view.type === 'decisionTable') ?? available[0];
        if (first) return open(first);
      })
      .catch(setError);
  }, [xml, lang]);

  async function open(view: View) {
    const instance = modeler.current;
    if (!instance) return;
    await instance.open(view);
    if (view.type === 'drd') arrangeDrd(instance.getActiveViewer() as Viewer, box.current!);
  }

  const label = (view: View) => (view.type === 'drd' ? t('decisions.drd') : view.name || view.id);

  return (
    <div className="decision-editor">
      {error !== undefined && <ErrorMessage error={new Error(`${t('decisions.importError')}: ${error instanceof Error ? error.message : JSON.stringify(error)}`)} />}
      {views.all.length > 1 && (
        <div className="view-switch" role="group" aria-label={t('decisions.views')}>
          {views.all.map((view) => (
            <button
              key={`${view.type}:${view.id}`}
              type="button"
              className="btn btn-small btn-secondary"
              aria-pressed={views.active?.id === view.id && views.active.type === view.type}
              onClick={() => open(view).catch(setError)}
            >
              {label(view)}
            </button>
          ))}
        </div>
      )}
      <div className="decision-canvas" ref={box} data-testid="dmn-editor" />
    </div>
  );
}
