import { useTranslation } from 'react-i18next';
import type { Face, Grade, RatingColour } from '../api/api-types';
import { FaceIcon } from './face-icon';
import { RATING_COLOURS } from './rating-colours';
import { StarRating } from './star-rating';

export interface RatingBadgeProps {
  score: number;
  stars: number;
  face: Face;
  colour: RatingColour;
  grade: Grade;
  veto?: boolean;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
  /** Under a veto: why and until when, in a sentence (shown under the badge). */
  vetoDetail?: string | null;
}

const FACE_SIZE = { sm: 'sm', md: 'lg', lg: 'xl' } as const;
const STAR_SIZE = { sm: 'xs', md: 'sm', lg: 28 } as const;

/** Face + stars + score + grade, exactly as the server rated them; one accessible label for the whole badge. */
export function RatingBadge({ score, stars, face, colour, grade, veto = false, size = 'md', className, vetoDetail }: RatingBadgeProps) {
  const { t } = useTranslation();
  const tone = RATING_COLOURS[colour];
  const scoreText = score.toFixed(1);
  const label = t('rating.badgeLabel', {
    score: scoreText,
    stars,
    face: t(`rating.face.${face}`),
    grade: t(`rating.grade.${grade}`),
  });
  return (
    <div
      className={['rating-badge', `rating-badge--${size}`, className].filter(Boolean).join(' ')}
      role="group"
      aria-label={veto ? `${t('rating.veto')}, ${label}${vetoDetail ? `, ${vetoDetail}` : ''}` : label}
    >
      <FaceIcon face={face} colour={colour} size={FACE_SIZE[size]} decorative />
      <div className="rating-badge__body" aria-hidden="true">
        <StarRating stars={stars} size={STAR_SIZE[size]} decorative />
        {veto ? (
          // A veto decides the rating alone: it is shown as the rating; the arithmetic score is secondary and grey.
          <>
            <div className="rating-badge__line">
              <span className="rating-badge__veto-main">{t('rating.veto')}</span>
              <span className="rating-badge__grade" style={{ background: tone.fill, color: tone.ink }}>
                {t(`rating.grade.${grade}`)}
              </span>
            </div>
            <span className="rating-badge__arith">{t('rating.arithmeticScore', { score: scoreText })}</span>
            {vetoDetail ? <span className="rating-badge__veto-detail">{vetoDetail}</span> : null}
          </>
        ) : (
          <div className="rating-badge__line">
            <span className="rating-badge__score" style={{ color: tone.text }}>
              {scoreText}
            </span>
            <span className="rating-badge__grade" style={{ background: tone.fill, color: tone.ink }}>
              {t(`rating.grade.${grade}`)}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
