import { NavLink } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';

/** Sub-navigation of the officer's workspace. */
export function OfficerTabs() {
  const { t } = useI18n();
  return (
    <nav className="subnav" aria-label={t('worklist.sections')}>
      <NavLink to="/worklist" end>
        {t('worklist.tasks')}
      </NavLink>
      <NavLink to="/worklist/ho-so">{t('worklist.dossiers')}</NavLink>
      <NavLink to="/worklist/lay-y-kien">{t('worklist.consultations')}</NavLink>
    </nav>
  );
}
