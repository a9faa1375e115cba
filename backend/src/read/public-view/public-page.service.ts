import { Inject, Injectable, Logger } from '@nestjs/common';
import { publicViewSchema, type PublicView } from '@envface/streams';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { ApiError } from '../../platform/web/api-error';
import { contentSecurityPolicy } from '../../platform/web/security-headers';
import { WebAppAssets } from '../../platform/web/web-app-assets';
import { composeFirstPaintPage, pageAssets } from './public-page-html';
import { PublicViewService } from './public-view.service';
import { publicViewFingerprint } from './public-view-fingerprint';

/** The web app's source module of the public page (the key of its chunk in Vite's manifest). */
export const PUBLIC_PAGE_SOURCE = 'src/pages/public/public-page.tsx';
/** The server-side render module the frontend build writes to dist/.ssr/ (frontend/src/pages/public/public-first-paint.tsx). */
export const FIRST_PAINT_MODULE = 'public-first-paint.cjs';

/** The interface of that module (kept in step with the frontend file; the browser test runs both). */
export interface FirstPaintModule {
  FIRST_PAINT_ID: string;
  INITIAL_VIEW_ID: string;
  LANGUAGE_COOKIE: string;
  renderPublicFirstPaint(input: { view: PublicView; token: string; language: string | undefined; renderedAt: number; timeZone: string }): {
    lang: string;
    title: string;
    markup: string;
  };
}

export interface PublicPageAnswer {
  status: number;
  html: string;
  /** A Content-Security-Policy for this page when it differs from the default one. */
  csp?: string;
}

/**
 * GET /q/{token}: the public page's HTML with its first state rendered in (#14 §6): face, stars, score, name,
 * the 30-day strip and penalties are on screen after one round trip, and the view (the `/api/public/{token}`
 * answer, checked against the same schema) is handed to the app so it takes over without fetching it again.
 * Unknown token: index.html with 404 (the app shows its not-found page). Without a built server renderer
 * (or manifest) index.html goes out unchanged, as before.
 */
@Injectable()
export class PublicPageService {
  private readonly logger = new Logger('PublicPage');

  constructor(
    private readonly views: PublicViewService,
    private readonly webApp: WebAppAssets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(token: string, cookieHeader: string | undefined): Promise<PublicPageAnswer> {
    let view: PublicView;
    try {
      view = publicViewSchema.parse(await this.views.viewByToken(token));
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 404) return { status: 404, html: this.webApp.indexHtml() };
      throw error;
    }
    const plain = { status: 200, html: this.webApp.indexHtml() };
    const renderer = this.webApp.serverModule<FirstPaintModule>(FIRST_PAINT_MODULE);
    const manifest = this.webApp.manifest();
    const assets = manifest && pageAssets(manifest, PUBLIC_PAGE_SOURCE);
    if (!renderer || !assets) return plain;
    const styles = assets.css.map((file) => this.webApp.assetText(file));
    if (styles.some((text) => text === null)) {
      this.logger.warn(`a stylesheet of the public page is missing from the build (${assets.css.join(', ')}): sending index.html`);
      return plain;
    }
    // When the view was read (real time, not the rating clock): the page shows it as its "updated" time.
    const renderedAt = Date.now();
    const first = renderer.renderPublicFirstPaint({ view, token, language: cookieValue(cookieHeader, renderer.LANGUAGE_COOKIE), renderedAt, timeZone: this.config.timeZone });
    const composed = composeFirstPaintPage(plain.html, {
      lang: first.lang,
      title: first.title,
      markup: first.markup,
      handoffId: renderer.INITIAL_VIEW_ID,
      handoff: { token, view, renderedAt, seen: publicViewFingerprint(view) },
      styles: styles.join('\n'),
      assets,
    });
    if (!composed) return plain;
    return { status: 200, html: composed.html, csp: contentSecurityPolicy({ 'style-src-elem': ["'self'", composed.styleHash], 'style-src-attr': ["'unsafe-inline'"] }) };
  }
}

/** One cookie's value from a Cookie header (the renderer accepts only known language codes). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
