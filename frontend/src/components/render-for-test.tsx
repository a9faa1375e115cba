import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../i18n/i18n';

/** Static HTML of a component inside an i18n provider, for specs (node environment, no DOM). */
export function renderMarkup(element: ReactElement, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);
}

/** The value of `attribute` on every tag `selector` matches (a regex is enough for our own generated SVG). */
export function attributeOf(markup: string, selector: RegExp, attribute: string): string[] {
  const values: string[] = [];
  for (const match of markup.matchAll(selector)) {
    const value = new RegExp(`${attribute}="([^"]*)"`).exec(match[0]);
    if (value) values.push(value[1]);
  }
  return values;
}
