import type { RatingColour, Stars } from '../api/api-types';

/**
 * Display tones for the five rating colours. `fill` is the face/chart colour; `ink` draws features on top of
 * that fill (yellow needs dark ink to keep contrast, the others take white); `text` is a tone dark enough to
 * be read as text on a white background (WCAG AA ≥ 4.5:1), because #e6b800 on white is not.
 */
export interface ColourTone {
  fill: string;
  ink: string;
  text: string;
}

export const RATING_COLOURS: Readonly<Record<RatingColour, ColourTone>> = {
  green: { fill: '#1f8040', ink: '#ffffff', text: '#1e7a3b' },
  blue: { fill: '#2f6fd6', ink: '#ffffff', text: '#2458ad' },
  yellow: { fill: '#e6b800', ink: '#3a2e00', text: '#7a5f00' },
  red: { fill: '#d9342b', ink: '#ffffff', text: '#b3261e' },
  black: { fill: '#222222', ink: '#ffffff', text: '#222222' },
};

/**
 * Star count → colour, for charts that colour series per star. This is the fixed display table of the scoring
 * model (docs/rating-rules.md); the server decides the stars, this only picks the paint.
 */
export const STAR_COLOUR_NAMES: Readonly<Record<Stars, RatingColour>> = {
  5: 'green',
  4: 'blue',
  3: 'yellow',
  2: 'red',
  1: 'black',
};

export function starFill(stars: Stars): string {
  return RATING_COLOURS[STAR_COLOUR_NAMES[stars]].fill;
}

/** Gold for filled rating stars, light grey for empty ones (independent of the rating colour). */
export const STAR_ICON_COLOURS = { filled: '#f0a800', empty: '#cfd6e0', outline: '#b58000' } as const;
