import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { tasksApi, type TaskDetail } from '../../api/dossiers.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { DeadlineBadge, StatusBadge } from '../../dossier/badges.js';
import { DossierRecords, useDossier } from '../../dossier/DossierRecords.js';
import { ErrorSummary, goToField, type FieldProblem } from '../../dossier/ErrorSummary.js';
import { formDisplayData } from '../../dossier/form-display-data.js';
import type { FormHandle } from '../../dossier/FormView.js';
import { formatDateTime } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { DossierActions } from './DossierActions.js';
import { SigningPinDialog } from './SigningPinDialog.js';

const FormView = lazy(() => import('../../dossier/FormView.js'));

/**
 * One step of a dossier: the step's form (form-js, as the analyst designed it) with claim and
 * complete, beside the dossier's data, files, documents, history, control sheet and diagram.
 */
export default function TaskPage({ backTo = '/worklist', backLabel }: { backTo?: string; backLabel?: string }) {
  const { key } = useParams();
  const { t, locale } = useI18n();
  const { state } = useAuth();
  const me = state.status === 'signed-in' ? state.user.id : '';
  const navigate = useNavigate();
  const [task, setTask] = useState<TaskDetail>();
  const [error, setError] = useState<unknown>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  /** The form's values of an approval waiting for the leader's signing PIN. */
  const [awaitingPin, setAwaitingPin] = useState<Record<string, unknown>>();
  const form = useRef<FormHandle>(undefined);
  const dossier = useDossier(task?.dossier.id);

  const load = useCallback(() => {
    if (!key) return;
    tasksApi.get(key).then(setTask, setError);
  }, [key]);
  useEffect(load, [load]);

  if (error !== undefined) {
    const gone = error instanceof ApiError && (error.status === 404 || error.status === 409);
    return (
      <section className="page">
        <BackLink to={backTo} label={backLabel ?? t('area.worklist')} />
        {gone ? <p className="alert alert-info">{t('task.gone')}</p> : <ErrorMessage error={error} />}
      </section>
    );
  }
  if (!task) return <Loading />;

  const mine = task.assignee === me;
  const heldByOther = !!task.assignee && !mine;

  const run = async (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await work();
      if (after) after();
      else void load();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (values: Record<string, unknown>, signingPin?: string) =>
    void run(
      async () => {
        if (!task.assignee) await tasksApi.claim(task.userTaskKey);
        await tasksApi.complete(task.userTaskKey, values, signingPin);
      },
      () => void navigate(backTo, { state: { notice: t('task.completed', { step: task.name ?? task.elementId, code: task.dossier.code }) } }),
    );

  const complete = () => {
    const result = form.current?.submit();
    if (!result) return;
    if (Object.keys(result.errors).length > 0) {
      setInvalid(true);
      void form.current?.invalidFields().then((found) => {
        setProblems(found);
        if (found[0]) goToField(found[0].target);
      });
      return;
    }
    setInvalid(false);
    setProblems([]);
    // Approving signs the draft with the leader's own key: her PIN first.
    if (task.approvalSigns && result.data.approvalDecision === 'approve') {
      setActionError(undefined);
      setAwaitingPin(result.data);
      return;
    }
    submit(result.data);
  };

  return (
    <section className="page page-wide" data-area="task">
      <BackLink to={backTo} label={backLabel ?? t('area.worklist')} />
      <div className="page-head">
        <div>
          <p className="eyebrow">{task.dossier.procedureName}</p>
          <h1>
            <span className="mono">{task.dossier.code}</span> · {task.name ?? task.elementId}
          </h1>
          <p className="meta">
            <StatusBadge status={task.dossier.status} /> <DeadlineBadge state={task.deadlineState} />{' '}
            <span>
              {t('task.due')}: {formatDateTime(locale, task.dueAt)}
            </span>{' '}
            · <span>
              {t('dossier.appointment')}: {formatDateTime(locale, task.dossier.dueDate)}
            </span>
          </p>
          {dossier.data?.detail.nationalPortalCode && (
            <p className="meta" data-testid="national-portal-code">
              {t('dossier.nationalPortalCode')}: <span className="mono">{dossier.data.detail.nationalPortalCode}</span>
            </p>
          )}
        </div>
        <div className="actions">
          {!task.assignee && (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void run(() => tasksApi.claim(task.userTaskKey))}>
              {t('task.claim')}
            </button>
          )}
          {mine && (
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void run(() => tasksApi.unclaim(task.userTaskKey))}>
              {t('task.unclaim')}
            </button>
          )}
        </div>
      </div>
      {heldByOther && <p className="alert alert-warning">{t('task.heldByOther')}</p>}
      {dossier.error !== undefined && <ErrorMessage error={dossier.error} />}
      {!dossier.data && dossier.error === undefined && <Loading />}
      {dossier.data && (
        <DossierRecords data={dossier.data} firstTabLabel={t('task.tab.work')}>
          <section className="panel task-form" aria-labelledby="task-form-title">
            <h2 id="task-form-title">{t('task.form')}</h2>
            {invalid && <ErrorSummary problems={problems} />}
            {task.form ? (
              <Suspense fallback={<Loading />}>
                <FormView schema={task.form} data={formDisplayData(task.form, task.formData ?? task.variables, locale)} readOnly={heldByOther} onReady={(handle) => (form.current = handle)} />
              </Suspense>
            ) : (
              <p className="muted">{t('task.noForm')}</p>
            )}
            {invalid && (
              <p className="alert alert-error" role="alert">
                {t('task.invalid')}
              </p>
            )}
            {actionError !== undefined && !awaitingPin && <ErrorMessage error={actionError} />}
            {awaitingPin && task.approvalSigns && (
              <SigningPinDialog
                document={task.approvalSigns}
                busy={busy}
                error={actionError}
                onConfirm={(pin) => submit(awaitingPin, pin)}
                onCancel={() => setAwaitingPin(undefined)}
              />
            )}
            <div className="actions">
              <button type="button" className="btn btn-primary" disabled={busy || heldByOther} onClick={complete}>
                {busy ? t('app.working') : t('task.complete')}
              </button>
            </div>
          </section>
          <DossierActions detail={dossier.data.detail} onDone={dossier.reload} />
        </DossierRecords>
      )}
    </section>
  );
}
