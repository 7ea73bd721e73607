import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import { CreateAppendAnythingModule, CreateAppendElementTemplatesModule } from 'bpmn-js-create-append-anything';
import LintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import lintConfig from 'virtual:bpmnlint-config';
import { useEffect, useRef, useState } from 'react';
import { bpmnJsVi } from '../i18n/bpmn-js.vi.js';
import { translateModule } from '../i18n/diagram-translate.js';
import { useI18n } from '../i18n/i18n.js';
import { lintMessageVi } from '../i18n/lint-messages.vi.js';
import { ErrorMessage } from '../shell/common.js';
import { decisionPickModule, formPickModule, type BundleChoices } from './bundle-pick.js';
import { PendingInput, useFlushBeforeSave } from './pending-edits.js';
import { relabelTokenSimulation } from './token-simulation-label.js';

/**
 * The platform's element templates (processes/element-templates), bundled at build time: the
 * same files the server's lint knows, so a task made from a template is one the platform runs.
 */
const ELEMENT_TEMPLATES = Object.values(
  import.meta.glob<object>('../../../processes/element-templates/*.json', { eager: true, import: 'default' }),
);

interface Props {
  xml: string;
  onChange(xml: string): void;
  /** An element to select and scroll to (from a lint report row). */
  focus?: string;
  visible: boolean;
  /** The bundle's decisions, offered to business rule tasks (zeebe:calledDecision). */
  decisions: { id: string; name: string }[];
  /** The bundle's forms, offered to user tasks (zeebe:formDefinition formId). */
  forms: { id: string; name: string }[];
}

type Canvas = { zoom(level: string): void; resized(): void; scrollToElement(element: unknown): void; scroll(delta: { dx: number; dy: number }): void };
type Registry = { get(id: string): unknown };
type Selection = { select(element: unknown): void };

/**
 * bpmn-js Modeler as Camunda 8 Modeler sets it up: Zeebe properties, element templates with their
 * create/append menus, bpmnlint while editing, and token simulation (toggle with T).
 */
export default function BpmnEditor({ xml, onChange, focus, visible, decisions, forms }: Props) {
  const { t, lang } = useI18n();
  const canvasBox = useRef<HTMLDivElement>(null);
  const panelBox = useRef<HTMLDivElement>(null);
  const modeler = useRef<BpmnModeler>(null);
  const lastXml = useRef<string>('');
  // The file as loaded and bpmn-js's serialisation of it: undoing back to it restores the file's own text.
  const imported = useRef<{ text: string; serialised?: string }>({ text: '' });
  const lintStarted = useRef(false);
  const changeHandler = useRef(onChange);
  changeHandler.current = onChange;
  const [error, setError] = useState<unknown>();
  const pendingInput = useRef(new PendingInput());
  // Serialises the model and reports it when it differs from the last file reported.
  const report = useRef<() => Promise<void>>(async () => undefined);
  useFlushBeforeSave(async () => {
    pendingInput.current.flush();
    await report.current();
  });
  // Read by the properties panel each time it renders, so it is updated in place.
  const bundleDecisions = useRef<BundleChoices>({ list: [], label: '', other: '', missing: '' });
  Object.assign(bundleDecisions.current, { list: decisions, label: t('modeler.decisionPick'), other: t('modeler.decisionOther') });
  const bundleForms = useRef<BundleChoices>({ list: [], label: '', other: '', missing: '' });
  Object.assign(bundleForms.current, { list: forms, label: t('modeler.formPick'), other: t('modeler.formNone'), missing: t('modeler.formMissing') });

  useEffect(() => {
    const instance = new BpmnModeler({
      container: canvasBox.current!,
      propertiesPanel: { parent: panelBox.current! },
      // Switched on once the first diagram is on screen: linting it takes as long as drawing it.
      linting: { bpmnlint: lintConfig, active: false },
      elementTemplates: ELEMENT_TEMPLATES,
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        ZeebePropertiesProviderModule,
        ZeebeBehaviorsModule,
        CloudElementTemplatesPropertiesProviderModule,
        // The "+ Chọn" button of the template group opens this chooser.
        ElementTemplateChooserModule,
        CreateAppendAnythingModule,
        CreateAppendElementTemplatesModule,
        LintModule,
        TokenSimulationModule,
        decisionPickModule(bundleDecisions.current),
        formPickModule(bundleForms.current),
        translateModule(lang === 'vi' ? bpmnJsVi : undefined, lintMessageVi),
        pendingInput.current.module('debounceInput'),
      ],
      moddleExtensions: { zeebe: zeebeModdle },
    } as ConstructorParameters<typeof BpmnModeler>[0]);
    modeler.current = instance;
    (instance.get('elementTemplates') as { set(templates: object[]): void }).set(ELEMENT_TEMPLATES);
    report.current = async () => {
      const { xml: serialised } = await instance.saveXML({ format: true });
      if (serialised === undefined) return;
      const saved = serialised === imported.current.serialised ? imported.current.text : serialised;
      if (saved === lastXml.current) return;
      lastXml.current = saved;
      changeHandler.current(saved);
    };
    instance.on('commandStack.changed', () => void report.current());
    const stopRelabelling = relabelTokenSimulation(canvasBox.current!, t('modeler.tokenSimulation'));
    return () => {
      stopRelabelling();
      instance.destroy();
      modeler.current = null;
      // The next modeler (another language) imports the diagram afresh.
      lastXml.current = '';
      lintStarted.current = false;
    };
    // One modeler per language: bpmn-js reads its labels when each part is drawn.
  }, [lang]);

  // A new file (another model, or the draft reloaded): import it, unless it is our own last save.
  useEffect(() => {
    const instance = modeler.current;
    if (!instance || xml.trimEnd() === lastXml.current.trimEnd()) return;
    lastXml.current = xml;
    imported.current = { text: xml };
    setError(undefined);
    instance
      .importXML(xml)
      .then(async () => {
        const { xml: serialised } = await instance.saveXML({ format: true });
        if (imported.current.text === xml) imported.current.serialised = serialised;
        const canvas = instance.get('canvas') as Canvas;
        canvas.zoom('fit-viewport');
        // The palette floats over the canvas's left edge: move the diagram out from under it.
        const palette = canvasBox.current?.querySelector('.djs-palette')?.getBoundingClientRect();
        if (palette) canvas.scroll({ dx: Math.round(palette.width) + 16, dy: 0 });
        if (!lintStarted.current) {
          lintStarted.current = true;
          const linting = instance.get('linting') as { toggle(active: boolean): void };
          requestAnimationFrame(() => setTimeout(() => linting.toggle(true)));
        }
      })
      .catch(setError);
  }, [xml, lang]);

  // A panel kept alive while hidden has no size; tell the canvas when it is shown again.
  useEffect(() => {
    if (visible) (modeler.current?.get('canvas') as Canvas | undefined)?.resized();
  }, [visible]);

  useEffect(() => {
    const instance = modeler.current;
    if (!instance || !focus) return;
    const element = (instance.get('elementRegistry') as Registry).get(focus);
    if (!element) return;
    (instance.get('selection') as Selection).select(element);
    (instance.get('canvas') as Canvas).scrollToElement(element);
  }, [focus]);

  return (
    <div className="modeler">
      {error !== undefined && <ErrorMessage error={new Error(`${t('modeler.importError')}: ${error instanceof Error ? error.message : JSON.stringify(error)}`)} />}
      <div className="modeler-body">
        <div className="modeler-canvas" ref={canvasBox} data-testid="bpmn-canvas" tabIndex={0} />
        <aside className="modeler-panel" ref={panelBox} aria-label="Properties" />
      </div>
      <p className="hint">{t('modeler.templatesHelp')}</p>
    </div>
  );
}
