import type { IndicatorCounts } from './statistics.repository.js';

/**
 * Weights and targets of the Decision 766/QĐ-TTg indicators the platform can compute from its own
 * records. They are policy, revised by the government and the province: kept here in one place,
 * not spread through the code.
 */
export const INDICATOR_POLICY = {
  /** Points of the progress group for handling every dossier on time. */
  progressPoints: 20,
  targets: {
    onTimeRate: 98,
    satisfactionRate: 95,
    signedElectronicResults: 100,
    electronicConsultations: 90,
  },
} as const;

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent with two decimals; null when there is nothing to measure. */
  percent: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, percent: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 100 : null };
}

/**
 * The groups of Decision 766 the platform's records can measure: progress, digitisation, online
 * services and satisfaction (transparency concerns what is published about procedures, not dossiers).
 */
export function decision766(
  counts: IndicatorCounts,
  progress: { early: number; onTime: number; late: number; overdue: number },
) {
  const onTime = ratio(progress.early + progress.onTime, progress.early + progress.onTime + progress.late);
  const receivedOnline = counts.byLevel.reduce((sum, l) => sum + l.online, 0);
  return {
    progress: {
      onTimeRate: onTime,
      early: progress.early,
      onTime: progress.onTime,
      late: progress.late,
      overdueInProgress: progress.overdue,
      points: onTime.percent === null ? null : Math.round(((INDICATOR_POLICY.progressPoints * onTime.percent) / 100) * 100) / 100,
      maxPoints: INDICATOR_POLICY.progressPoints,
      target: INDICATOR_POLICY.targets.onTimeRate,
    },
    digitisation: {
      /** Received dossiers whose documents were handed in as files. */
      dossiersDigitised: ratio(counts.withAttachments, counts.received),
      /** Resolved dossiers whose result exists as an electronic document. */
      resultsDigitised: ratio(counts.resultDocuments, counts.resolved),
      /** Resolved dossiers whose result was digitally signed. */
      resultsSigned: ratio(counts.signedResults, counts.resolved),
      target: INDICATOR_POLICY.targets.signedElectronicResults,
    },
    onlineServices: {
      submittedOnline: ratio(receivedOnline, counts.received),
      byLevel: counts.byLevel.map((l) => ({ level: l.level, ...ratio(l.online, l.received) })),
      paidOnline: ratio(counts.feePaidOnline, counts.feePaid),
      /** Consultations exchanged and answered through the platform, out of all requested. */
      consultationsAnsweredElectronically: ratio(counts.consultationsAnswered, counts.consultations),
      consultationsAnsweredOnTime: ratio(counts.consultationsAnsweredOnTime, counts.consultations),
      consultationTarget: INDICATOR_POLICY.targets.electronicConsultations,
    },
    satisfaction: {
      ratings: counts.ratings,
      average: counts.ratingsAverage,
      /** Ratings of 4 or 5 out of all ratings. */
      satisfied: ratio(counts.ratingsSatisfied, counts.ratings),
      target: INDICATOR_POLICY.targets.satisfactionRate,
    },
  };
}

export type Decision766 = ReturnType<typeof decision766>;
