import { useI18n } from '../../i18n/i18n.js';
import type { Indicators } from '../../api/statistics.js';

type Score = Indicators['decision766'];

/**
 * Every indicator of Decision 766/QĐ-TTg per group: formula, value and points where the platform
 * measures it, and the ones it cannot, named with the reason.
 */
export function Decision766Section({ score }: { score: Score }) {
  const { t, locale } = useI18n();
  const number = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
  return (
    <section className="decision-766" aria-labelledby="decision-766-title">
      <h2 id="decision-766-title">{t('dash.766.title')}</h2>
      <p className="hint">{score.basis}</p>
      {score.groups.map((group) => (
        <div key={group.id} className="table-scroll">
          <table className="table">
            <caption>
              {group.name} — {t('dash.766.groupPoints', { points: number(group.points), scored: number(group.scoredMaxPoints), max: number(group.maxPoints) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.766.indicator')}</th>
                <th scope="col">{t('dash.766.formula')}</th>
                <th scope="col">{t('dash.766.value')}</th>
                <th scope="col">{t('dash.766.points')}</th>
              </tr>
            </thead>
            <tbody>
              {score.indicators
                .filter((i) => i.group === group.id)
                .map((i) => (
                  <tr key={i.id} data-indicator={i.id}>
                    <th scope="row">
                      {i.id}. {i.name}
                    </th>
                    <td>
                      {i.formula}
                      <br />
                      <small className="muted">{i.scoring}</small>
                    </td>
                    {i.computable ? (
                      <td>
                        {i.value === null ? t('dash.766.nothing') : `${number(i.value)}%`}
                        {i.denominator !== null && <small className="muted"> ({i.numerator} / {i.denominator})</small>}
                      </td>
                    ) : (
                      <td className="cell-warn">
                        {t('dash.766.notComputable')}
                        <br />
                        <small>{i.reason}</small>
                      </td>
                    )}
                    <td>{i.maxPoints === null ? t('dash.766.scaleToVerify') : `${i.points === null ? '—' : number(i.points)} / ${number(i.maxPoints)}`}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
