import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage } from '../../shell/common.js';

interface Props {
  /** Kind of the draft the approval signs (`result`, `refusal`). */
  document: string;
  busy: boolean;
  error: unknown;
  onConfirm(pin: string): void;
  onCancel(): void;
}

/**
 * A leader's approval signs the draft with her own key: she enters the PIN that unlocks it. The
 * PIN goes with this one request and is kept nowhere; a wrong one leaves the step open here.
 */
export function SigningPinDialog({ document, busy, error, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pin) onConfirm(pin);
  }

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="signing-pin-title" onCancel={onCancel} onClose={onCancel}>
      <form onSubmit={submit}>
        <h2 id="signing-pin-title">{t('task.pin.title')}</h2>
        <p>{t('task.pin.text', { document: t(document === 'refusal' ? 'task.pin.document.refusal' : 'task.pin.document.result') })}</p>
        <label className="field">
          {t('task.pin.label')}
          <input type="password" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} required maxLength={200} autoFocus />
        </label>
        <p className="muted">{t('task.pin.first')}</p>
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            {t('task.pin.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!pin || busy}>
            {busy ? t('app.working') : t('task.pin.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
