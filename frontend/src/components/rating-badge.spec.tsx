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
  it('shows a veto as the rating, the computed score grey and secondary, with its reason and end', () => {
    const markup = renderMarkup(
      <RatingBadge score={95.6} stars={1} face="cry" colour="black" grade="bad" veto vetoDetail="2026-11-20 一票否决（私设暗管偷排），计至 2027-11-19" />,
    );
    expect(markup).toContain('data-face="cry"');
    expect(markup).toContain('data-colour="black"');
    expect(markup).toContain('data-stars="1"');
    expect(markup).toContain('class="rating-badge__veto-main">一票否决<');
    expect(markup).not.toContain('rating-badge__score');
    expect(markup).toContain('class="rating-badge__arith">计算分 95.6（否决期间不决定星级）<');
    expect(markup).toContain('>2026-11-20 一票否决（私设暗管偷排），计至 2027-11-19<');
    expect(markup).toContain('>不良<');
    expect(markup).toContain('aria-label="一票否决, 评分 95.6，1 星，哭脸，不良, 2026-11-20 一票否决（私设暗管偷排），计至 2027-11-19"');
  });

  it('formats whole scores with one decimal and translates the grade', () => {
    const markup = renderMarkup(<RatingBadge score={100} stars={5} face="smile" colour="green" grade="trustworthy" />, 'en');
    expect(markup).toContain('>100.0<');
    expect(markup).toContain('>Trustworthy<');
    expect(markup).not.toContain('One-vote veto');
  });
});
