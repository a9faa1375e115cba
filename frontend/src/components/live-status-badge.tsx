import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../live/live-connection';

/** The live connection at a glance: green "live", amber pulsing "reconnecting", red "disconnected". */
export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`live-status live-status--${status}`} role="status" aria-live="polite" data-live-status={status}>
      <span className="live-status__dot" aria-hidden="true" />
      {t(`live.status.${status}`)}
    </span>
  );
}
