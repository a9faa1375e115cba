import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * A Chromium page already signed in, as the app keeps a session: the token in sessionStorage (an empty
 * bearer: signed out) and the chosen language in localStorage, at `width` × 900 px in Shanghai time.
 * The context goes into `contexts` so the test closes it.
 */
export async function openSignedIn(
  browser: Browser,
  contexts: BrowserContext[],
  options: { url: string; bearer: string; width: number; language: 'zh-CN' | 'en' },
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width, height: 900 }, locale: options.language, timezoneId: 'Asia/Shanghai' });
  contexts.push(context);
  await context.addInitScript(
    ([lng, tok]) => {
      localStorage.setItem('envface.language', lng);
      sessionStorage.setItem('envface.token', tok);
    },
    [options.language, options.bearer] as const,
  );
  const page = await context.newPage();
  await page.goto(options.url);
  return page;
}

/** JSON from the app's API with a bearer token; anything but 2xx throws with the answer, so a setup step cannot fail silently. */
export async function apiJson<T>(baseUrl: string, url: string, bearer: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    ...init,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
