import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';

interface Props {
  xml: string;
  /** Elements holding a token now (highlighted), and those already passed (tinted). */
  active: readonly string[];
  completed?: readonly string[];
}

type Canvas = { zoom(level: string | number, center?: string): void; addMarker(id: string, marker: string): void };
type Registry = { get(id: string): unknown };

/** The procedure's BPMN diagram, read-only (pan and zoom), with the dossier's position marked. */
export default function ProcessDiagram({ xml, active, completed = [] }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const viewer = new NavigatedViewer({ container: box.current! });
    let live = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        for (const id of completed) if (registry.get(id)) canvas.addMarker(id, 'diagram-completed');
        for (const id of active) if (registry.get(id)) canvas.addMarker(id, 'diagram-active');
        canvas.zoom('fit-viewport', 'auto');
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, active, completed]);

  return (
    <figure className="diagram">
      {error !== undefined && <ErrorMessage error={error} />}
      <div ref={box} className="diagram-canvas" data-testid="process-diagram" />
      <figcaption className="muted">
        <span className="legend legend-active" aria-hidden="true" /> {t('diagram.active')}{' '}
        <span className="legend legend-completed" aria-hidden="true" /> {t('diagram.completed')} · {t('diagram.help')}
      </figcaption>
    </figure>
  );
}
