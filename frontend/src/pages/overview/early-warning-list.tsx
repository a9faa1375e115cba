import { ExportButtons } from '../../components/export-buttons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EarlyWarning, EarlyWarningsResponse } from '../../api/api-types';
import { FaceIcon } from '../../components/face-icon';
import { StarRating } from '../../components/star-rating';


export function warningText(warning: EarlyWarning, t: TFunction): string {
  switch (warning.kind) {
    case 'near_threshold':
      return t('warnings.nearThreshold', { threshold: warning.threshold ?? '' });
    case 'star_drop':
      return t('warnings.starDrop', { day: warning.day ?? '' });
    case 'overdue_order':
      return t('warnings.overdueOrder');
    default:
      return String((warning as { kind: string }).kind);
  }
}

/** Enterprises about to lose (or that just lost) a star, most severe first; each links to its explanation. */
export function EarlyWarningList({ data }: { data: EarlyWarningsResponse }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="card__subtitle">{t('overview.warnings.count', { count: data.total })}</p>
      <ExportButtons path="/api/stats/early-warnings" fileName={`early-warnings-${data.day}`} testId="warnings-export" />
      <ul className="warning-list" data-testid="early-warnings">
        {data.items.map((item) => (
          <li key={item.uscc} className="warning-list__item">
            <FaceIcon face={item.face} colour={item.colour} size={28} decorative />
            <div className="warning-list__body">
              <Link to={`/enterprises/${item.uscc}`} className="warning-list__name">
                {item.name ?? item.uscc}
              </Link>
              <span className="warning-list__chips">
                {item.warnings.map((w, i) => (
                  <span key={i} className={`warning-chip warning-chip--${w.kind}`}>
                    {warningText(w, t)}
                  </span>
                ))}
              </span>
            </div>
            <div className="warning-list__rating">
              <StarRating stars={item.stars} size="xs" />
              <span className="warning-list__score">{item.score.toFixed(1)}</span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
