import '@bpmn-io/form-js/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js';
import { useEffect, useRef, useState } from 'react';
import type { FormSchema } from '../api/dossiers.js';
import { ErrorMessage } from '../shell/common.js';
import type { FieldProblem } from './ErrorSummary.js';

/** What the owner can ask of a rendered form: validate and read its values, and list what is wrong. */
export interface FormHandle {
  submit(): { data: Record<string, unknown>; errors: Record<string, unknown> };
  /** The fields showing an error, in the order they appear, once form-js has drawn the errors. */
  invalidFields(): Promise<FieldProblem[]>;
}

interface Props {
  schema: FormSchema;
  data?: Record<string, unknown>;
  readOnly?: boolean;
  onReady?(handle: FormHandle | undefined): void;
}

/**
 * form-js viewer: renders a step's form (or the application form) exactly as the analyst designed
 * it, and validates it the way the server will again.
 */
export default function FormView({ schema, data, readOnly, onReady }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const form = useRef<Form>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  // The initial values: read when the schema is imported, so a re-render of the owner (an upload's
  // progress, say) never resets what the user typed.
  const initial = useRef(data);
  initial.current = data;
  const locked = useRef(readOnly);
  locked.current = readOnly;
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    // Without debouncing: a value typed just before a click elsewhere (a checkbox, Submit) must
    // not be overwritten by the click's update while its own is still waiting.
    const instance = new Form({ container: box.current!, debounce: false } as ConstructorParameters<typeof Form>[0]);
    form.current = instance;
    let live = true;
    instance
      .importSchema(schema, initial.current ?? {})
      .then(() => {
        if (!live) return;
        if (locked.current) instance.setProperty('readOnly', true);
        ready.current?.({
          submit: () => instance.submit(),
          invalidFields: async () => {
            await nextFrames();
            return box.current ? invalidFields(box.current) : [];
          },
        });
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
      ready.current?.(undefined);
      form.current = null;
      instance.destroy();
    };
  }, [schema]);

  useEffect(() => {
    form.current?.setProperty('readOnly', !!readOnly);
  }, [readOnly]);

  return (
    <div className="form-view">
      {error !== undefined && <ErrorMessage error={error} />}
      <div ref={box} />
    </div>
  );
}

/** form-js draws a submit's errors on its next render. */
function nextFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

const LONGEST_LABEL = 80;

/** Reads the errors form-js shows: each field's label, its first message, and the control to focus. */
function invalidFields(container: HTMLElement): FieldProblem[] {
  return Array.from(container.querySelectorAll<HTMLElement>('.fjs-form-field.fjs-has-errors')).map((field) => {
    const labelText = (field.querySelector('.fjs-form-field-label, legend')?.textContent ?? '').replace(/\*\s*$/, '').trim();
    const short = labelText.length > LONGEST_LABEL ? `${labelText.slice(0, LONGEST_LABEL - 1)}…` : labelText;
    // Several groups ask the same thing (the mother's and the father's name): the group's title tells them apart.
    const group = field.parentElement?.closest('.fjs-form-field-group')?.querySelector(':scope > .fjs-form-field-label')?.textContent?.trim();
    const label = group ? `${group} – ${short}` : short;
    const message = field.querySelector('.fjs-form-field-error li, .fjs-form-field-error')?.textContent?.trim() ?? '';
    const target =
      field.querySelector<HTMLElement>('input:not([type=hidden]):not(.fjs-hidden):not([disabled]), textarea, select, [tabindex="0"]') ?? field;
    return { label, message, target };
  });
}
