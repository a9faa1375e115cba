import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';

/** The two admin pages, one nav entry ("系统管理") in the header: switched here. */
export function AdminTabs() {
  const { t } = useTranslation();
  return (
    <nav className="admin-tabs" aria-label={t('admin.nav.admin')}>
      <NavLink to="/admin/accounts">{t('admin.nav.accounts')}</NavLink>
      <NavLink to="/admin/audit">{t('admin.nav.audit')}</NavLink>
    </nav>
  );
}
