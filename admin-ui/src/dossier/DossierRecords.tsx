import { lazy, Suspense, useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  dossiersApi,
  publicProceduresApi,
  type FormSchema,
  type ControlSheet,
  type DossierDetail,
  type DossierDiagram,
  type HistoryEntry,
  type IssuedDocument,
} from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage, Loading } from '../shell/common.js';
import { ApplicantFacts, ApplicationValues, Attachments, ControlSheetTable, HistoryTable, IssuedDocuments } from './records.js';

// bpmn-js is large: only a user who opens the diagram tab downloads it.
const ProcessDiagram = lazy(() => import('./ProcessDiagram.js'));
const FormView = lazy(() => import('./FormView.js'));

export interface DossierData {
  detail: DossierDetail;
  history: HistoryEntry[];
  control: ControlSheet;
  documents: IssuedDocument[];
}

export function useDossier(id: string | undefined): { data?: DossierData; error?: unknown; reload(): void } {
  const [data, setData] = useState<DossierData>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(() => {
    if (!id) return;
    setError(undefined);
    Promise.all([dossiersApi.detail(id), dossiersApi.history(id), dossiersApi.controlSheet(id), dossiersApi.documents(id)]).then(
      ([detail, history, control, documents]) => setData({ detail, history, control, documents }),
      setError,
    );
  }, [id]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

type Tab = 'dossier' | 'documents' | 'history' | 'control' | 'diagram';

interface Props {
  data: DossierData;
  tabs?: Tab[];
  /** Extra content of the first tab (a task form, an action). */
  children?: ReactNode;
  firstTabLabel?: string;
}

/** A dossier's records in tabs: data and files, issued documents, history, control sheet, and the diagram. */
export function DossierRecords({ data, tabs = ['dossier', 'documents', 'history', 'control', 'diagram'], children, firstTabLabel }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(tabs[0]);
  const { detail } = data;
  const labels: Record<Tab, string> = {
    dossier: firstTabLabel ?? t('dossier.tab.dossier'),
    documents: `${t('dossier.tab.documents')} (${data.documents.length})`,
    history: t('dossier.history'),
    control: t('dossier.controlSheet'),
    diagram: t('dossier.tab.diagram'),
  };
  const onKey = (event: KeyboardEvent) => {
    const index = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length] : undefined;
    if (next) {
      setTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };
  return (
    <div className="dossier-records">
      <div className="tabs" role="tablist" aria-label={t('dossier.sections')} onKeyDown={onKey}>
        {tabs.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {labels[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'dossier' && (
          <>
            {children}
            <section className="panel">
              <h2>{t('dossier.applicantData')}</h2>
              <ApplicantFacts applicant={detail.applicant} name={detail.applicantName} />
            </section>
            <section className="panel">
              <h2>{t('dossier.application')}</h2>
              <ApplicationView slug={detail.procedureSlug} values={detail.application} />
            </section>
            <section className="panel">
              <h2>{t('dossier.attachments')}</h2>
              <Attachments attachments={detail.attachments} />
            </section>
          </>
        )}
        {tab === 'documents' && (
          <section className="panel">
            <h2>{t('dossier.tab.documents')}</h2>
            <IssuedDocuments dossierId={detail.id} code={detail.code} documents={data.documents} />
          </section>
        )}
        {tab === 'history' && (
          <section className="panel">
            <h2>{t('dossier.history')}</h2>
            <HistoryTable entries={data.history} />
          </section>
        )}
        {tab === 'control' && (
          <section className="panel">
            <h2>{t('dossier.controlSheet')}</h2>
            <ControlSheetTable entries={data.control.entries} />
          </section>
        )}
        {tab === 'diagram' && <DiagramTab dossierId={detail.id} />}
      </div>
    </div>
  );
}

/** The procedure version's diagram with the dossier's current step(s) highlighted and the steps it has passed tinted. */
function DiagramTab({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const [diagram, setDiagram] = useState<DossierDiagram>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    dossiersApi.diagram(dossierId).then(setDiagram, setError);
  }, [dossierId]);
  if (error !== undefined) return <ErrorMessage error={error} />;
  if (diagram === undefined) return <Loading />;
  return (
    <section className="panel">
      <h2>{t('dossier.tab.diagram')}</h2>
      <Suspense fallback={<Loading />}>
        <ProcessDiagram xml={diagram.xml} active={diagram.activeElementIds} completed={diagram.completedElementIds} />
      </Suspense>
    </section>
  );
}

/** The application as the applicant filled it: the procedure's form, read-only; a plain list when the form cannot be had. */
function ApplicationView({ slug, values }: { slug: string | null; values: Record<string, unknown> }) {
  const [schema, setSchema] = useState<FormSchema | null>();
  useEffect(() => {
    if (!slug) return setSchema(null);
    publicProceduresApi.applicationForm(slug).then(
      (published) => setSchema(published.form),
      () => setSchema(null),
    );
  }, [slug]);
  if (schema === undefined) return <Loading />;
  if (schema === null) return <ApplicationValues values={values} />;
  return (
    <Suspense fallback={<Loading />}>
      <FormView schema={schema} data={values} readOnly />
    </Suspense>
  );
}
