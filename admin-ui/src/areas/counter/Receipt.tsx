import { Link } from 'react-router';
import type { Applicant, DossierRow } from '../../api/dossiers.js';
import type { PublishedEntry } from '../../api/procedures.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { formatDateTime } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useReceptionTask } from './CounterReceive.js';
import { competentAgencyName } from '../../dossier/AgencyChoice.js';

interface Props {
  dossier: DossierRow;
  procedure: PublishedEntry;
  applicant: Applicant;
  documents: string[];
  onNext(): void;
}

/**
 * Giấy tiếp nhận hồ sơ và hẹn trả kết quả, printable at once from the browser; the signed PDF of
 * the same receipt is issued by the process and appears among the dossier's documents.
 */
export function Receipt({ dossier, procedure, applicant, documents, onNext }: Props) {
  const { t } = useI18n();
  const { state } = useAuth();
  const officer = state.status === 'signed-in' ? (state.user.name ?? state.user.username) : '';
  const task = useReceptionTask(dossier.id);
  return (
    <section aria-labelledby="receipt-title">
      <p className="alert alert-success" role="status">
        {t('counter.received', { code: dossier.code })}
      </p>
      <div className="actions no-print">
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('counter.print')}
        </button>
        {task && (
          <Link className="btn btn-secondary" to={`/counter/viec/${task}`}>
            {t('counter.openReception')}
          </Link>
        )}
        <button type="button" className="btn btn-ghost" onClick={onNext}>
          {t('counter.next')}
        </button>
      </div>
      <article className="receipt print-area">
        <header className="receipt-head">
          <div>
            <p className="receipt-agency">{competentAgencyName(procedure, dossier.agencyCode).toLocaleUpperCase('vi')}</p>
            <p>{t('receipt.department')}</p>
          </div>
          <div>
            <p className="receipt-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p className="receipt-motto">Độc lập - Tự do - Hạnh phúc</p>
          </div>
        </header>
        <h2 id="receipt-title" className="receipt-title">
          GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ
        </h2>
        <p className="receipt-code">
          Mã hồ sơ: <strong className="mono">{dossier.code}</strong>
        </p>
        <dl className="receipt-facts">
          <dt>Tiếp nhận hồ sơ của</dt>
          <dd>{applicant.fullName}</dd>
          {applicant.idNumber && (
            <>
              <dt>Số định danh cá nhân</dt>
              <dd>{applicant.idNumber}</dd>
            </>
          )}
          {applicant.address && (
            <>
              <dt>Địa chỉ</dt>
              <dd>{applicant.address}</dd>
            </>
          )}
          {applicant.phone && (
            <>
              <dt>Số điện thoại</dt>
              <dd>{applicant.phone}</dd>
            </>
          )}
          <dt>Nội dung yêu cầu giải quyết</dt>
          <dd>
            {procedure.name} ({procedure.code})
          </dd>
        </dl>
        <p>Thành phần hồ sơ gồm:</p>
        <ol>
          {documents.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ol>
        <dl className="receipt-facts">
          <dt>Thời gian nhận hồ sơ</dt>
          <dd>{formatDateTime('vi-VN', dossier.createdAt)}</dd>
          <dt>Thời gian trả kết quả</dt>
          <dd>
            <strong>{formatDateTime('vi-VN', dossier.dueDate)}</strong>
          </dd>
          <dt>Nhận kết quả tại</dt>
          <dd>{dossier.channel === 'post' ? 'Qua dịch vụ bưu chính' : 'Bộ phận Một cửa'}</dd>
        </dl>
        <footer className="receipt-signatures">
          <div>
            <p><strong>NGƯỜI NỘP HỒ SƠ</strong></p>
            <p className="muted">(Ký và ghi rõ họ tên)</p>
            <p className="receipt-name">{applicant.fullName}</p>
          </div>
          <div>
            <p><strong>NGƯỜI TIẾP NHẬN HỒ SƠ</strong></p>
            <p className="muted">(Ký và ghi rõ họ tên)</p>
            <p className="receipt-name">{officer}</p>
          </div>
        </footer>
      </article>
    </section>
  );
}
