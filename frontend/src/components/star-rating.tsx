import { useTranslation } from 'react-i18next';
import { STAR_ICON_COLOURS } from './rating-colours';
import { iconPixels, type IconSize } from './face-icon';

const STAR_PATH =
  'M12 2.6l2.92 5.92 6.53.95-4.72 4.6 1.11 6.5L12 17.5l-5.84 3.07 1.11-6.5-4.72-4.6 6.53-.95L12 2.6z';
const MAX_STARS = 5;

export interface StarRatingProps {
  /** 1–5 from the server; clamped for display only. */
  stars: number;
  size?: IconSize;
  label?: string;
  decorative?: boolean;
  className?: string;
}

export function StarRating({ stars, size = 'sm', label, decorative = false, className }: StarRatingProps) {
  const { t } = useTranslation();
  const filled = Math.max(0, Math.min(MAX_STARS, Math.round(stars)));
  const px = iconPixels(size);
  const gap = 2;
  const text = label ?? t('rating.starsLabel', { stars: filled });
  const a11y = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': text };
  return (
    <svg
      className={['star-rating', className].filter(Boolean).join(' ')}
      width={px * MAX_STARS + gap * (MAX_STARS - 1)}
      height={px}
      viewBox={`0 0 ${24 * MAX_STARS + gap * (MAX_STARS - 1)} 24`}
      data-stars={filled}
      focusable="false"
      {...a11y}
    >
      {decorative ? null : <title>{text}</title>}
      {Array.from({ length: MAX_STARS }, (_, i) => {
        const on = i < filled;
        return (
          <path
            key={i}
            data-filled={on}
            d={STAR_PATH}
            transform={`translate(${i * (24 + gap)} 0)`}
            fill={on ? STAR_ICON_COLOURS.filled : STAR_ICON_COLOURS.empty}
            stroke={on ? STAR_ICON_COLOURS.outline : '#b7c0cc'}
            strokeWidth="0.8"
            strokeLinejoin="round"
          />
        );
      })}
    </svg>
  );
}
