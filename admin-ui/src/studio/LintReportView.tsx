import type { LintReport } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { lintMessageVi } from '../i18n/lint-messages.vi.js';

/** The server's lint report: the authority at publish. Element ids let the analyst find the shape. */
export function LintReportView({ report, compact, onSelectElement }: { report: LintReport; compact?: boolean; onSelectElement?(file: string, id: string): void }) {
  const { t, lang } = useI18n();
  const message = (text: string, rule: string) => (lang === 'vi' ? (lintMessageVi(text, rule) ?? text) : text);
  return (
    <div className="lint-report" data-testid="lint-report">
      <p className={report.ok ? 'lint-ok' : 'lint-failed'}>
        <strong>{report.ok ? t('publish.ok') : t('publish.refused')}</strong> {t('publish.counts', { errors: report.errors, warnings: report.warnings })}
      </p>
      {!compact && report.issues.length > 0 && (
        <div className="table-scroll table-cards">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('publish.col.severity')}</th>
                <th scope="col">{t('publish.col.file')}</th>
                <th scope="col">{t('publish.col.element')}</th>
                <th scope="col">{t('publish.col.message')}</th>
                <th scope="col">{t('publish.col.rule')}</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((issue, i) => (
                <tr key={i}>
                  <td data-label={t('publish.col.severity')}>
                    <span className={`badge badge-${issue.severity}`}>{t(`publish.severity.${issue.severity}`)}</span>
                  </td>
                  <td className="mono" data-label={t('publish.col.file')}>{issue.file}</td>
                  <td data-label={t('publish.col.element')}>
                    {issue.elementId && onSelectElement ? (
                      <button type="button" className="link-button" onClick={() => onSelectElement(issue.file, issue.elementId!)}>
                        {issue.elementName ?? issue.elementId}
                      </button>
                    ) : (
                      (issue.elementName ?? issue.elementId ?? '')
                    )}
                  </td>
                  <td data-label={t('publish.col.message')}>{message(issue.message, issue.rule)}</td>
                  <td className="mono muted" data-label={t('publish.col.rule')}>{issue.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
