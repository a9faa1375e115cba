// Server-side entry (built by `vite build --ssr` into dist/.ssr/, loaded by the backend): the public QR page's
// first state as static HTML, rendered by the very component the app mounts, so the first paint and the
// app's page match to the pixel and in every word (#14 §6). Runs in Node: no DOM, no storage, no network.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { PublicViewJson } from '../../api/public-types';
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, createI18n, isLanguage, type Language } from '../../i18n/i18n';
import { FIRST_PAINT_ID, PublicViewCard } from './public-page';
import { INITIAL_VIEW_ID } from './public-first-paint-handoff';

export { FIRST_PAINT_ID, INITIAL_VIEW_ID, LANGUAGE_COOKIE };

export interface FirstPaintInput {
  view: PublicViewJson;
  token: string;
  /** The value of the language cookie, if any; anything unknown means the app's default (Simplified Chinese). */
  language: string | undefined;
  /** When the server read the view (epoch ms): shown as the "updated" time, as the app does. */
  renderedAt: number;
  /** Time zone of that time (the rating time zone; the browser's own is unknown to the server). */
  timeZone: string;
}

export interface FirstPaint {
  /** `lang` of the document. */
  lang: Language;
  /** The document title the app would set (enterprise name · app name). */
  title: string;
  /** `<div id="q-first-paint">…</div>`: the page's first screen; the app removes it when its own page is up. */
  markup: string;
}

const instances = new Map<Language, I18n>();

function i18nFor(language: Language): I18n {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n(language);
    instances.set(language, instance);
  }
  return instance;
}

export function renderPublicFirstPaint(input: FirstPaintInput): FirstPaint {
  const lang = isLanguage(input.language) ? input.language : DEFAULT_LANGUAGE;
  const i18n = i18nFor(lang);
  const card = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PublicViewCard view={input.view} token={input.token} live={false} updatedAt={input.renderedAt} timeZone={input.timeZone} withComplaintForm={false} />
    </I18nextProvider>,
  );
  // The same title as useDocumentTitle sets once the app runs.
  const title = `${input.view.name ?? input.view.uscc} · ${i18n.t('app.documentTitle')}`;
  return { lang, title, markup: `<div id="${FIRST_PAINT_ID}">${card}</div>` };
}
