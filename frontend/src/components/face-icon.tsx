import { useTranslation } from 'react-i18next';
import type { Face, RatingColour } from '../api/api-types';
import { RATING_COLOURS } from './rating-colours';

export type IconSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl' | number;

const SIZES: Record<Exclude<IconSize, number>, number> = { xs: 16, sm: 24, md: 40, lg: 64, xl: 120 };

export function iconPixels(size: IconSize): number {
  return typeof size === 'number' ? size : SIZES[size];
}

/**
 * Mouth paths on a 64×64 face. SVG y grows downwards, so a quadratic control point below the corners draws a
 * smile, one above draws the downturned mouth of the crying face.
 */
export const MOUTH_PATHS: Readonly<Record<Face, string>> = {
  smile: 'M19 38 Q32 53 45 38',
  neutral: 'M21 43 L43 43',
  cry: 'M20 49 Q32 36 44 49',
};

export interface FaceIconProps {
  face: Face;
  colour: RatingColour;
  size?: IconSize;
  /** Overrides the generated accessible label. */
  label?: string;
  /** Hide from assistive technology when a surrounding element already says the same. */
  decorative?: boolean;
  className?: string;
}

export function FaceIcon({ face, colour, size = 'md', label, decorative = false, className }: FaceIconProps) {
  const { t } = useTranslation();
  const tone = RATING_COLOURS[colour];
  const px = iconPixels(size);
  const text = label ?? t('rating.faceLabel', { face: t(`rating.face.${face}`), colour: t(`rating.colour.${colour}`) });
  const a11y = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': text };
  return (
    <svg
      className={['face-icon', className].filter(Boolean).join(' ')}
      width={px}
      height={px}
      viewBox="0 0 64 64"
      data-face={face}
      data-colour={colour}
      focusable="false"
      {...a11y}
    >
      {decorative ? null : <title>{text}</title>}
      <circle cx="32" cy="32" r="30" fill={tone.fill} stroke="rgba(0,0,0,0.18)" strokeWidth="1.5" />
      {face === 'cry' ? (
        <path
          data-part="brows"
          d="M14 21 L25 16.5 M50 21 L39 16.5"
          stroke={tone.ink}
          strokeWidth="3"
          strokeLinecap="round"
          fill="none"
        />
      ) : null}
      <ellipse data-part="eye" cx="22" cy="26" rx="3.6" ry="4.6" fill={tone.ink} />
      <ellipse data-part="eye" cx="42" cy="26" rx="3.6" ry="4.6" fill={tone.ink} />
      <path
        data-part="mouth"
        d={MOUTH_PATHS[face]}
        stroke={tone.ink}
        strokeWidth="4.2"
        strokeLinecap="round"
        fill="none"
      />
      {face === 'cry' ? (
        <path data-part="tear" d="M43 33 C40.5 38 40.5 41 43 41.5 C45.5 41 45.5 38 43 33 Z" fill="#8fd0ff" />
      ) : null}
    </svg>
  );
}
