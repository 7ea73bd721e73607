import { useI18n } from '../i18n/i18n.js';

/** One thing to correct before a form can go: what it is, what is wrong, and where to go. */
export interface FieldProblem {
  label: string;
  message: string;
  target: HTMLElement;
}

/** Brings a field into view and puts the cursor in it (the first problem after a failed submit). */
export function goToField(target: HTMLElement): void {
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/**
 * The list of problems at the top of a form after a failed submit, each a link to its field: on a
 * phone the fields' own messages may be far from the button that was pressed.
 */
export function ErrorSummary({ problems }: { problems: readonly FieldProblem[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('summary.title', { n: problems.length })}</h2>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>
            <a
              href={problem.target.id ? `#${problem.target.id}` : '#'}
              onClick={(event) => {
                event.preventDefault();
                goToField(problem.target);
              }}
            >
              {problem.label}
            </a>
            {problem.message && `: ${problem.message}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
