import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Session } from '../api/session';

const KNOWN_ROLES = ['admin', 'inspector', 'enterprise'] as const;
type KnownRole = (typeof KNOWN_ROLES)[number];
function isKnownRole(role: string): role is KnownRole {
  return (KNOWN_ROLES as readonly string[]).includes(role);
}

export function UserMenu({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const { sub, name, role, exp } = session.claims;
  const displayName = name ?? sub;

  // Close on outside click and Escape, like any native menu.
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const roleLabel = t(`header.roles.${isKnownRole(role) ? role : 'unknown'}`);
  const expiry = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(exp * 1000),
  );
  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-menu__button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {displayName.slice(0, 1).toUpperCase()}
        </span>
        <span className="visually-hidden">{t('header.userMenu')}: </span>
        <span className="user-menu__name">{displayName}</span>
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2 4l4 4 4-4" stroke="currentColor" strokeWidth="1.8" fill="none" />
        </svg>
      </button>
      {open ? (
        <div className="user-menu__panel" id={menuId}>
          <dl>
            <dt>{t('header.signedInAs')}</dt>
            <dd>{displayName}</dd>
            <dt>{t('header.role')}</dt>
            <dd>{roleLabel}</dd>
          </dl>
          <p className="user-menu__expiry">{t('header.expiresAt', { time: expiry })}</p>
          {role === 'admin' ? (
            // Admin pages live here rather than in the header nav, which is full at 1440 px in English.
            <nav className="user-menu__links" aria-label={t('admin.nav.admin')}>
              <Link to="/admin/accounts" onClick={() => setOpen(false)}>
                {t('admin.nav.accounts')}
              </Link>
              <Link to="/admin/audit" onClick={() => setOpen(false)}>
                {t('admin.nav.audit')}
              </Link>
            </nav>
          ) : null}
          <button type="button" className="button button--secondary button--block" onClick={onLogout}>
            {t('header.logout')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
