import { RatingBadge } from './rating-badge';
import { attributeOf, renderMarkup } from './render-for-test';
import { StarRating } from './star-rating';

const STAR = /<path[^>]*data-filled="(true|false)"[^>]*>/g;

describe('StarRating', () => {
  it('fills as many of the five stars as given and labels the count', () => {
    const markup = renderMarkup(<StarRating stars={3} />);
    expect(attributeOf(markup, STAR, 'data-filled')).toEqual(['true', 'true', 'true', 'false', 'false']);
    expect(markup).toContain('aria-label="3 星（满分 5 星）"');
    expect(renderMarkup(<StarRating stars={1} />, 'en')).toContain('aria-label="1 of 5 stars"');
  });

  it('clamps out-of-range input for display', () => {
    expect(attributeOf(renderMarkup(<StarRating stars={9} />), STAR, 'data-filled')).toEqual(Array(5).fill('true'));
    expect(attributeOf(renderMarkup(<StarRating stars={-1} />), STAR, 'data-filled')).toEqual(Array(5).fill('false'));
  });
});

describe('RatingBadge', () => {
  it('shows the server rating as given: face, stars, one-decimal score, grade text, veto', () => {
    const markup = renderMarkup(<RatingBadge score={95.6} stars={1} face="cry" colour="black" grade="bad" veto />);
    expect(markup).toContain('data-face="cry"');
    expect(markup).toContain('data-colour="black"');
    expect(markup).toContain('data-stars="1"');
    expect(markup).toContain('>95.6<');
    expect(markup).toContain('>不良<');
    expect(markup).toContain('>一票否决<');
    expect(markup).toContain('aria-label="评分 95.6，1 星，哭脸，不良, 一票否决"');
  });

  it('formats whole scores with one decimal and translates the grade', () => {
    const markup = renderMarkup(<RatingBadge score={100} stars={5} face="smile" colour="green" grade="trustworthy" />, 'en');
    expect(markup).toContain('>100.0<');
    expect(markup).toContain('>Trustworthy<');
    expect(markup).not.toContain('One-vote veto');
  });
});
