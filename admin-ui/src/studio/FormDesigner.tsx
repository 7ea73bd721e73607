import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import { Form, FormEditor } from '@bpmn-io/form-js';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';

interface Props {
  schema: string;
  onChange(schema: string): void;
}

/** form-js editor with a live preview: the viewer renders the schema as officers and citizens will see it. */
export default function FormDesigner({ schema, onChange }: Props) {
  const { t } = useI18n();
  const editorBox = useRef<HTMLDivElement>(null);
  const previewBox = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor>(null);
  const preview = useRef<Form>(null);
  const lastSchema = useRef('');
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const formEditor = new FormEditor({ container: editorBox.current! });
    const viewer = new Form({ container: previewBox.current! });
    editor.current = formEditor;
    preview.current = viewer;
    formEditor.on('changed', () => {
      const current = formEditor.saveSchema();
      const text = `${JSON.stringify(current, null, 2)}\n`;
      lastSchema.current = text;
      changeHandler.current(text);
      viewer.importSchema(current).catch(setError);
    });
    return () => {
      formEditor.destroy();
      viewer.destroy();
    };
  }, []);

  useEffect(() => {
    if (schema.trimEnd() === lastSchema.current.trimEnd() || !editor.current || !preview.current) return;
    lastSchema.current = schema;
    setError(undefined);
    let parsed: object;
    try {
      parsed = JSON.parse(schema) as object;
    } catch (e) {
      setError(new Error(`${t('forms.invalid')}: ${(e as Error).message}`));
      return;
    }
    Promise.all([editor.current.importSchema(parsed), preview.current.importSchema(parsed)]).catch(setError);
  }, [schema, t]);

  return (
    <div className="form-designer">
      {error !== undefined && <ErrorMessage error={error} />}
      <div className="form-designer-body">
        <div className="form-editor" ref={editorBox} data-testid="form-editor" />
        <section className="form-preview" aria-labelledby="form-preview-title">
          <h3 id="form-preview-title">{t('forms.preview')}</h3>
          <div ref={previewBox} />
        </section>
      </div>
    </div>
  );
}
