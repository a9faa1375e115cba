import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface StateViewProps {
  title?: string;
  children?: ReactNode;
  compact?: boolean;
}

/** Shown while data loads; announced politely to screen readers. */
export function LoadingState({ title, compact }: StateViewProps) {
  const { t } = useTranslation();
  return (
    <div className={`state-view state-view--loading${compact ? ' state-view--compact' : ''}`} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{title ?? t('state.loading')}</span>
    </div>
  );
}

/** Shown when there is honestly nothing to display (never filled with placeholder numbers). */
export function EmptyState({ title, children, compact }: StateViewProps) {
  const { t } = useTranslation();
  return (
    <div className={`state-view state-view--empty${compact ? ' state-view--compact' : ''}`} role="status">
      <svg className="state-view__icon" width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
        <rect x="6" y="9" width="28" height="22" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M6 16h28M13 23h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <strong className="state-view__title">{title ?? t('state.empty')}</strong>
      {children ? <div className="state-view__text">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ title, children, onRetry }: StateViewProps & { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state-view state-view--error" role="alert">
      <strong className="state-view__title">{title ?? t('state.error')}</strong>
      {children ? <div className="state-view__text">{children}</div> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}
