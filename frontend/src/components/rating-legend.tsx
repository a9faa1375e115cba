import { useTranslation } from 'react-i18next';
import { FaceIcon } from './face-icon';
import { RATING_COLOURS } from './rating-colours';
import type { ScaleRow } from './rating-scale';
import { StarRating } from './star-rating';

/** The rating table of the scoring model, as a legend for dashboards and the public page (rows: ratingScale(model)). */
export function RatingLegend({ scale }: { scale: readonly ScaleRow[] }) {
  const { t } = useTranslation();
  let previousMin: number | null = null;
  return (
    <section className="card rating-legend" aria-labelledby="rating-legend-title">
      <h2 id="rating-legend-title" className="card__title">
        {t('legend.title')}
      </h2>
      <table className="rating-legend__table">
        <thead>
          <tr>
            <th scope="col">{t('legend.rating')}</th>
            <th scope="col">{t('legend.scoreRange')}</th>
            <th scope="col">{t('legend.grade')}</th>
          </tr>
        </thead>
        <tbody>
          {scale.map((row) => {
            const range =
              row.minScore === null ? t('legend.below', { score: previousMin ?? 0 }) : t('legend.atLeast', { score: row.minScore });
            previousMin = row.minScore ?? previousMin;
            const tone = RATING_COLOURS[row.colour];
            return (
              <tr key={row.stars}>
                <td>
                  {/* The flex box sits inside the cell: display:flex on a <td> itself breaks the table's row lines. */}
                  <span className="rating-legend__visual">
                    <FaceIcon face={row.face} colour={row.colour} size="sm" />
                    <StarRating stars={row.stars} size="xs" />
                  </span>
                </td>
                <td className="rating-legend__range">{range}</td>
                <td>
                  <span className="grade-chip" style={{ background: tone.fill, color: tone.ink }}>
                    {t(`rating.grade.${row.grade}`)}
                  </span>{' '}
                  <span className="rating-legend__desc">
                    {t(`rating.face.${row.face}`)} · {t(`rating.colour.${row.colour}`)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="rating-legend__note">{t('legend.vetoNote')}</p>
    </section>
  );
}
