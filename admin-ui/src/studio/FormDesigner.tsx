import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js/dist/assets/properties-panel.css';
import { Form, FormEditor } from '@bpmn-io/form-js';
import { useEffect, useRef, useState } from 'react';
import { translateDom } from '../i18n/dom-translate.js';
import { formEditorVi } from '../i18n/form-editor.vi.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import { PendingInput, useFlushBeforeSave } from './pending-edits.js';

interface Props {
  schema: string;
  onChange(schema: string): void;
}

/** form-js editor with a live preview: the viewer renders the schema as officers and citizens will see it. */
export default function FormDesigner({ schema, onChange }: Props) {
  const { t, lang } = useI18n();
  const editorBox = useRef<HTMLDivElement>(null);
  const previewBox = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor>(null);
  const preview = useRef<Form>(null);
  const lastSchema = useRef('');
  // The file as loaded and form-js's serialisation of it: a 'changed' event that serialises the
  // same way changed nothing (form-js fires one on import), so the file keeps its own text.
  const imported = useRef<{ text: string; serialised: string }>({ text: '', serialised: '' });
  const importing = useRef(false);
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;
  const [error, setError] = useState<unknown>();
  const pendingInput = useRef(new PendingInput());
  // The editor reports a committed edit at once ('changed' below).
  useFlushBeforeSave(async () => pendingInput.current.flush());

  useEffect(() => {
    const formEditor = new FormEditor({ container: editorBox.current!, additionalModules: [pendingInput.current.module('debounce')] });
    const viewer = new Form({ container: previewBox.current! });
    editor.current = formEditor;
    preview.current = viewer;
    formEditor.on('changed', () => {
      if (importing.current) return;
      const current: unknown = formEditor.saveSchema();
      const serialised = `${JSON.stringify(current, null, 2)}\n`;
      const text = serialised === imported.current.serialised ? imported.current.text : serialised;
      if (text === lastSchema.current) return;
      lastSchema.current = text;
      changeHandler.current(text);
      viewer.importSchema(current).catch(setError);
    });
    return () => {
      formEditor.destroy();
      viewer.destroy();
    };
  }, []);

  // The editor's palette and properties panel have no translation API: translated where drawn.
  useEffect(() => (lang === 'vi' ? translateDom(editorBox.current!, formEditorVi) : undefined), [lang]);

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
    const formEditor = editor.current;
    imported.current = { text: schema, serialised: '' };
    importing.current = true;
    Promise.all([formEditor.importSchema(parsed), preview.current.importSchema(parsed)])
      .then(() => {
        if (imported.current.text === schema) imported.current.serialised = `${JSON.stringify(formEditor.saveSchema(), null, 2)}\n`;
      })
      .catch(setError)
      .finally(() => {
        importing.current = false;
      });
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
