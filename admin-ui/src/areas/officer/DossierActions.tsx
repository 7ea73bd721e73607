import { useState, type FormEvent } from 'react';
import { dossiersApi, type DossierDetail } from '../../api/dossiers.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { isFinished } from '../../dossier/badges.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage } from '../../shell/common.js';
import { DateField } from '../../shell/DateField.js';

/**
 * Actions on the dossier outside the steps: the counter records a cash fee, a leader gives a new
 * appointment with an apology letter. Each shows only to the roles that may use it: the cash fee to
 * the counter of the centre that received the dossier, the apology to the competent agency's leader.
 */
export function DossierActions({ detail, onDone }: { detail: DossierDetail; onDone(): void }) {
  const { t } = useI18n();
  const { state } = useAuth();
  if (state.status !== 'signed-in') return null;
  const { roles, agencyCode } = state.user;
  const counter = detail.receivingAgencyCode ?? detail.agencyCode;
  const fee = roles.includes('reception') && agencyCode === counter && detail.status === 'waiting_for_fee';
  const apology = roles.includes('leader') && agencyCode === detail.agencyCode && !isFinished(detail.status);
  if (!fee && !apology) return null;
  return (
    <section className="panel" aria-labelledby="other-actions">
      <h2 id="other-actions">{t('actions.title')}</h2>
      {fee && <CashPayment id={detail.id} onDone={onDone} />}
      {apology && <Apology id={detail.id} agency={detail.agencyName} onDone={onDone} />}
    </section>
  );
}

function CashPayment({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    dossiersApi.payCash(id, { amount: Number(amount), ...(receipt ? { receiptNumber: receipt } : {}) }).then(() => {
      setDone(true);
      onDone();
    }, setError);
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <h3 className="wide">{t('actions.fee')}</h3>
      <label>
        {t('actions.amount')}
        <input type="number" min={0} required value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label>
        {t('actions.receiptNumber')}
        <input value={receipt} onChange={(e) => setReceipt(e.target.value)} />
      </label>
      {error !== undefined && <div className="wide"><ErrorMessage error={error} /></div>}
      {done && <p className="wide alert alert-success">{t('actions.feeRecorded')}</p>}
      <div className="wide actions">
        <button type="submit" className="btn btn-primary">{t('actions.recordFee')}</button>
      </div>
    </form>
  );
}

function Apology({ id, agency, onDone }: { id: string; agency: string; onDone(): void }) {
  const { t } = useI18n();
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [unit, setUnit] = useState(agency);
  // The letter is signed with her own key: her PIN goes with this request only.
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    dossiersApi
      .apologise(id, { newDueDate: new Date(date).toISOString(), reason, responsibleUnit: unit, signingPin: pin })
      .then(() => {
        setDone(true);
        onDone();
      }, setError);
  };
  return (
    <form className="form-grid" onSubmit={submit}>
      <h3 className="wide">{t('actions.apology')}</h3>
      <label>
        {t('actions.newDueDate')}
        <DateField kind="datetime" required value={date} onChange={setDate} />
      </label>
      <label>
        {t('actions.responsibleUnit')}
        <input required value={unit} onChange={(e) => setUnit(e.target.value)} />
      </label>
      <label className="wide">
        {t('actions.reason')}
        <textarea required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label>
        {t('task.pin.label')}
        <input type="password" autoComplete="off" required maxLength={200} value={pin} onChange={(e) => setPin(e.target.value)} />
      </label>
      {error !== undefined && <div className="wide"><ErrorMessage error={error} /></div>}
      {done && <p className="wide alert alert-success">{t('actions.apologyIssued')}</p>}
      <div className="wide actions">
        <button type="submit" className="btn btn-primary">{t('actions.issueApology')}</button>
      </div>
    </form>
  );
}
