import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { download } from '../api/client.js';
import { proceduresApi, type Catalogue, type LintReport } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { chunk } from '../shell/chunk.js';
import { ErrorMessage, Loading } from '../shell/common.js';
import { CATALOGUE_FILE, filesUnder, formsOf, serialiseCatalogue } from './bundle-files.js';
import { CatalogueEditor } from './CatalogueEditor.js';
import { DecisionsTab } from './DecisionsTab.js';
import { decisionsOf, DECISIONS_FOLDER } from './decision-files.js';
import { PendingEditsContext } from './pending-edits.js';
import { PublishPanel } from './PublishPanel.js';
import { TemplatesEditor } from './TemplatesEditor.js';

// The modeler is the tab that opens first: its chunk loads while the draft is fetched.
const bpmnEditor = chunk(() => import('./BpmnEditor.js'));
void bpmnEditor.preload().catch(() => undefined);
const BpmnEditor = bpmnEditor.Component;
const FormDesigner = lazy(() => import('./FormDesigner.js'));

const TABS = ['model', 'forms', 'decisions', 'templates', 'catalogue', 'publish'] as const;
type Tab = (typeof TABS)[number];

/**
 * One procedure's draft: every file of the bundle is held here, edited by the tab that knows its
 * kind, and saved together (the server validates and lints the whole bundle on each save).
 */
export default function ProcedureEditor() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const [saved, setSaved] = useState<Record<string, string>>();
  const [files, setFiles] = useState<Record<string, string>>();
  const [error, setError] = useState<unknown>();
  const [tab, setTab] = useState<Tab>('model');
  const [visited, setVisited] = useState<Set<Tab>>(new Set(['model']));
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [saveReport, setSaveReport] = useState<LintReport>();
  const [model, setModel] = useState<string>();
  const [form, setForm] = useState<string>();
  const [decision, setDecision] = useState<string>();
  const [focus, setFocus] = useState<string>();
  // The files as the editors last reported them, read by Save right after the editors' flush
  // (before React renders the new state).
  const latest = useRef<Record<string, string>>(undefined);
  // The saved draft, read after an await (the render's `saved` may be older by then).
  const savedRef = useRef<Record<string, string>>(undefined);
  const flushers = useRef(new Set<() => Promise<void>>());
  const register = useCallback((flush: () => Promise<void>) => {
    flushers.current.add(flush);
    return () => void flushers.current.delete(flush);
  }, []);

  const updateFiles = useCallback((update: (files: Record<string, string>) => Record<string, string>) => {
    if (!latest.current) return;
    latest.current = update(latest.current);
    setFiles(latest.current);
  }, []);
  const setFile = useCallback((path: string, content: string) => updateFiles((current) => ({ ...current, [path]: content })), [updateFiles]);

  const load = useCallback(() => {
    setError(undefined);
    proceduresApi.draft(slug).then((bundle) => {
      latest.current = bundle.files;
      savedRef.current = bundle.files;
      setSaved(bundle.files);
      setFiles(bundle.files);
    }, setError);
  }, [slug]);
  useEffect(load, [load]);

  const catalogue = useMemo(() => (files ? (JSON.parse(files[CATALOGUE_FILE]) as Catalogue) : undefined), [files]);
  const models = files ? filesUnder(files, 'models/', '.bpmn') : [];
  const forms = files ? filesUnder(files, 'forms/', '.form') : [];
  const currentModel = model && models.includes(model) ? model : (models.find((m) => m === `models/${catalogue?.mainProcess}.bpmn`) ?? models[0]);
  const currentForm = form && forms.includes(form) ? form : forms[0];
  const decisionXml = files ? filesUnder(files, DECISIONS_FOLDER, '.dmn').map((path) => files[path]).join('\0') : '';
  // Parsed again only when a DMN file changed, not on every edit of the model.
  const decisions = useMemo(() => (files ? decisionsOf(files) : []), [decisionXml]);
  const formJson = forms.map((path) => files![path]).join('\0');
  const formChoices = useMemo(() => (files ? formsOf(files) : []), [formJson]);
  const dirty = !!files && !!saved && differs(files, saved);

  // Leaving with unsaved edits asks first, as a desktop editor would; "saved" no longer holds.
  useEffect(() => {
    if (!dirty) return;
    setNotice(undefined);
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /**
   * Commits what the editors hold back (a value typed less than 300 ms ago) and returns the files
   * with it: what Save sends, and what Check and Publish compare with the saved draft.
   */
  async function flushEdits(): Promise<Record<string, string> | undefined> {
    await Promise.all([...flushers.current].map((flush) => flush()));
    return latest.current;
  }

  /**
   * Saves the draft when the editors hold anything the server has not got (a value typed less than
   * 300 ms ago included), and reads it back. Check and Publish call it first, so that they act on
   * what the analyst sees; a refused save throws and stops them.
   */
  async function saveChanges(): Promise<void> {
    const current = await flushEdits();
    const before = savedRef.current;
    if (!current || !before || !differs(current, before)) return;
    const result = await proceduresApi.saveDraft(slug, current);
    const bundle = await proceduresApi.draft(slug);
    latest.current = bundle.files;
    savedRef.current = bundle.files;
    setSaved(bundle.files);
    setFiles(bundle.files);
    setSaveReport(result.lint);
    setNotice(t('editor.saved'));
  }

  async function save() {
    setSaving(true);
    setNotice(undefined);
    setError(undefined);
    try {
      await saveChanges();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  function open(next: Tab) {
    setTab(next);
    setVisited((v) => new Set(v).add(next));
  }

  function showElement(file: string, elementId: string) {
    if (file.startsWith('models/')) {
      setModel(file);
      setFocus(elementId);
      open('model');
    } else if (file.startsWith(DECISIONS_FOLDER)) {
      setDecision(file);
      open('decisions');
    }
  }

  if (error !== undefined && !files) return <section className="page"><ErrorMessage error={error} onRetry={load} /></section>;
  if (!files || !catalogue) return <Loading />;

  const unsavedAfterFlush = async () => {
    const current = await flushEdits();
    return !!current && !!savedRef.current && differs(current, savedRef.current);
  };

  return (
    <PendingEditsContext.Provider value={register}>
      <section className="page page-wide">
        <nav className="breadcrumb" aria-label="breadcrumb">
          <Link to="/studio">{t('studio.back')}</Link>
        </nav>
        <div className="page-head">
          <div>
            <h1>{catalogue.name}</h1>
            <p className="muted">
              <span className="mono">{catalogue.code}</span> · {catalogue.field} · {catalogue.agency.name}
            </p>
          </div>
          <div className="actions">
            {dirty && <span className="badge badge-warning" role="status">{t('editor.unsaved')}</span>}
            <button type="button" className="btn btn-secondary" onClick={() => download(proceduresApi.exportPath(slug), `${slug}.zip`).catch(setError)}>
              {t('editor.export')}
            </button>
            <button type="button" className="btn btn-primary" onClick={save} disabled={saving || !dirty}>
              {saving ? t('editor.saving') : t('editor.save')}
            </button>
          </div>
        </div>
        {notice && <p className="alert alert-success" role="status">{notice}</p>}
        {error !== undefined && <ErrorMessage error={error} />}
        {saveReport && !saveReport.ok && <p className="alert alert-warning">{t('publish.counts', { errors: saveReport.errors, warnings: saveReport.warnings })}</p>}

        <div className="tabs" role="tablist" aria-label={t('editor.tabs')}>
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => open(name)}
              onKeyDown={(event) => {
                const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                if (!step) return;
                const next = TABS[(TABS.indexOf(name) + step + TABS.length) % TABS.length];
                open(next);
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {t(`editor.tab.${name}`)}
            </button>
          ))}
        </div>

        <div role="tabpanel" id="panel-model" aria-labelledby="tab-model" hidden={tab !== 'model'} className="tab-panel">
          {models.length > 1 && <FilePicker label={t('editor.model')} files={models} value={currentModel} onChange={setModel} />}
          {visited.has('model') && currentModel && (
            <Suspense fallback={<Loading label={t('modeler.loading')} />}>
              <BpmnEditor xml={files[currentModel]} onChange={(xml) => setFile(currentModel, xml)} focus={focus} visible={tab === 'model'} decisions={decisions} forms={formChoices} />
            </Suspense>
          )}
        </div>
        <div role="tabpanel" id="panel-forms" aria-labelledby="tab-forms" hidden={tab !== 'forms'} className="tab-panel">
          <FilePicker
            label={t('editor.file')}
            files={forms}
            value={currentForm}
            onChange={setForm}
            describe={(path) => (files[path]?.includes(`"id": "${catalogue.applicationForm}"`) ? t('forms.applicationForm') : undefined)}
          />
          {visited.has('forms') && currentForm && (
            <Suspense fallback={<Loading label={t('forms.loading')} />}>
              <FormDesigner schema={files[currentForm]} onChange={(schema) => setFile(currentForm, schema)} />
            </Suspense>
          )}
        </div>
        <div role="tabpanel" id="panel-decisions" aria-labelledby="tab-decisions" hidden={tab !== 'decisions'} className="tab-panel">
          {visited.has('decisions') && <DecisionsTab files={files} catalogue={catalogue} onFiles={updateFiles} onChange={setFile} selected={decision} onSelect={setDecision} />}
        </div>
        <div role="tabpanel" id="panel-templates" aria-labelledby="tab-templates" hidden={tab !== 'templates'} className="tab-panel">
          {visited.has('templates') && <TemplatesEditor slug={slug} files={files} onChange={setFile} />}
        </div>
        <div role="tabpanel" id="panel-catalogue" aria-labelledby="tab-catalogue" hidden={tab !== 'catalogue'} className="tab-panel">
          {visited.has('catalogue') && <CatalogueEditor catalogue={catalogue} onChange={(next) => setFile(CATALOGUE_FILE, serialiseCatalogue(next))} />}
        </div>
        <div role="tabpanel" id="panel-publish" aria-labelledby="tab-publish" hidden={tab !== 'publish'} className="tab-panel">
          {visited.has('publish') && <PublishPanel slug={slug} dirty={dirty} unsavedAfterFlush={unsavedAfterFlush} saveChanges={saveChanges} onPublished={load} onSelectElement={showElement} />}
        </div>
      </section>
    </PendingEditsContext.Provider>
  );
}

/** True when a file was added, removed or changed. */
function differs(files: Record<string, string>, saved: Record<string, string>): boolean {
  return Object.keys({ ...files, ...saved }).some((path) => files[path] !== saved[path]);
}

function FilePicker({ label, files, value, onChange, describe }: { label: string; files: string[]; value?: string; onChange(path: string): void; describe?(path: string): string | undefined }) {
  return (
    <label className="file-picker">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {files.map((path) => {
          const note = describe?.(path);
          return (
            <option key={path} value={path}>
              {path.slice(path.indexOf('/') + 1)}
              {note ? ` – ${note}` : ''}
            </option>
          );
        })}
      </select>
    </label>
  );
}
