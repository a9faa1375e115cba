import { useTranslation } from 'react-i18next';
import { STAR_VALUES, type Face, type OverviewStats } from '../../api/api-types';
import { FaceIcon } from '../../components/face-icon';
import { RATING_COLOURS, STAR_COLOUR_NAMES } from '../../components/rating-colours';

const FACE_COLOURS: Record<Face, 'green' | 'yellow' | 'red'> = { smile: 'green', neutral: 'yellow', cry: 'red' };
const FACES: readonly Face[] = ['smile', 'neutral', 'cry'];

function share(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—';
}

/** The headline numbers of the overview; every value comes from GET /api/stats/overview. */
export function KpiTiles({ stats }: { stats: OverviewStats }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);
  const rated = stats.rated;
  return (
    <div className="kpi-grid" data-testid="kpi-tiles">
      <div className="kpi kpi--total" data-kpi="rated">
        <span className="kpi__label">{t('overview.kpi.rated')}</span>
        <span className="kpi__value">{number.format(rated)}</span>
        <span className="kpi__hint">{t('overview.kpi.ofTotal', { total: number.format(stats.total) })}</span>
      </div>
      <div className="kpi kpi--faces" data-kpi="faces">
        <span className="kpi__label">{t('overview.kpi.byFace')}</span>
        <div className="kpi__faces">
          {FACES.map((face) => (
            <div key={face} className="kpi__face" data-face={face}>
              <FaceIcon face={face} colour={FACE_COLOURS[face]} size={34} decorative />
              <div>
                <span className="kpi__face-value">{number.format(stats.byFace[face] ?? 0)}</span>
                <span className="kpi__hint">
                  {t(`rating.face.${face}`)} · {share(stats.byFace[face] ?? 0, rated)}
                </span>
              </div>
            </div>
          ))}
        </div>
      </div>
      <div className="kpi kpi--stars" data-kpi="stars">
        <span className="kpi__label">{t('overview.kpi.byStars')}</span>
        <div className="kpi__stars">
          {[...STAR_VALUES].reverse().map((stars) => {
            const tone = RATING_COLOURS[STAR_COLOUR_NAMES[stars]];
            return (
              <div key={stars} className="kpi__star" style={{ borderColor: tone.fill }}>
                <span className="kpi__star-name" style={{ background: tone.fill, color: tone.ink }}>
                  {t('rating.starsShort', { stars })}
                </span>
                <span className="kpi__star-value">{number.format(stats.byStars[String(stars) as '1'] ?? 0)}</span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="kpi kpi--up" data-kpi="upgrades">
        <span className="kpi__label">{t('overview.kpi.upgrades')}</span>
        <span className="kpi__value kpi__value--up">▲ {number.format(stats.upgradesToday)}</span>
        <span className="kpi__hint">{t('overview.kpi.today', { day: stats.day })}</span>
      </div>
      <div className="kpi kpi--down" data-kpi="downgrades">
        <span className="kpi__label">{t('overview.kpi.downgrades')}</span>
        <span className="kpi__value kpi__value--down">▼ {number.format(stats.downgradesToday)}</span>
        <span className="kpi__hint">{t('overview.kpi.today', { day: stats.day })}</span>
      </div>
      <div className="kpi kpi--veto" data-kpi="vetoes">
        <span className="kpi__label">{t('overview.kpi.vetoes')}</span>
        <span className="kpi__value">{number.format(stats.vetoesInForce)}</span>
        <span className="kpi__hint">{t('overview.kpi.vetoesHint')}</span>
      </div>
      <div className="kpi kpi--rate" data-kpi="events-per-minute">
        <span className="kpi__label">{t('overview.kpi.eventsPerMinute')}</span>
        <span className="kpi__value">{number.format(stats.eventsPerMinute)}</span>
        <span className="kpi__hint">{t('overview.kpi.eventsPerMinuteHint')}</span>
      </div>
    </div>
  );
}
