import type { Face } from '../api/api-types';
import { FaceIcon, MOUTH_PATHS } from './face-icon';
import { attributeOf, renderMarkup } from './render-for-test';

const MOUTH = /<path[^>]*data-part="mouth"[^>]*>/g;

/** Signed curvature of the mouth: control point y minus corner y (positive = corners up = smile, in SVG y-down). */
function mouthCurvature(d: string): number {
  const quad = /M([\d.]+) ([\d.]+) Q([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(d);
  if (quad) return Number(quad[4]) - Number(quad[2]);
  const line = /M([\d.]+) ([\d.]+) L([\d.]+) ([\d.]+)/.exec(d);
  if (line) return Number(line[4]) - Number(line[2]);
  throw new Error(`unexpected mouth path ${d}`);
}

describe('FaceIcon', () => {
  it('draws three different mouths: smile curves up, neutral is flat, cry curves down', () => {
    const mouths = (['smile', 'neutral', 'cry'] as Face[]).map((face) => {
      const [d] = attributeOf(renderMarkup(<FaceIcon face={face} colour="green" />), MOUTH, 'd');
      return d;
    });
    expect(new Set(mouths).size).toBe(3);
    expect(mouths).toEqual([MOUTH_PATHS.smile, MOUTH_PATHS.neutral, MOUTH_PATHS.cry]);
    const [smile, neutral, cry] = mouths.map(mouthCurvature);
    expect(smile).toBeGreaterThan(0);
    expect(neutral).toBe(0);
    expect(cry).toBeLessThan(0);
  });

  it('fills the face in the rating colour and keeps the features readable on yellow', () => {
    const yellow = renderMarkup(<FaceIcon face="neutral" colour="yellow" />);
    expect(yellow).toMatch(/<circle[^>]*fill="#e6b800"/);
    expect(attributeOf(yellow, MOUTH, 'stroke')).toEqual(['#3a2e00']);
    const red = renderMarkup(<FaceIcon face="cry" colour="red" />);
    expect(red).toMatch(/<circle[^>]*fill="#d9342b"/);
    expect(attributeOf(red, MOUTH, 'stroke')).toEqual(['#ffffff']);
    expect(red).toContain('data-part="tear"');
    expect(yellow).not.toContain('data-part="tear"');
  });

  it('has an accessible label in the current language', () => {
    const zh = renderMarkup(<FaceIcon face="smile" colour="green" />, 'zh-CN');
    expect(zh).toContain('role="img"');
    expect(zh).toContain('aria-label="笑脸（绿色）"');
    expect(zh).toContain('<title>笑脸（绿色）</title>');
    const en = renderMarkup(<FaceIcon face="cry" colour="black" />, 'en');
    expect(en).toContain('aria-label="Crying face (black)"');
  });

  it('can be decorative and sized', () => {
    const markup = renderMarkup(<FaceIcon face="smile" colour="blue" size="lg" decorative />);
    expect(markup).toContain('aria-hidden="true"');
    expect(markup).not.toContain('aria-label');
    expect(markup).toContain('width="64"');
    expect(renderMarkup(<FaceIcon face="smile" colour="blue" size={100} />)).toContain('height="100"');
  });
});
