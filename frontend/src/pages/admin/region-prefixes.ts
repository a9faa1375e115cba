import { regionName } from '../../i18n/code-names';
import type { SentenceLanguage } from '../../i18n/event-sentences';

/** "3201, 320104" → ['3201', '320104'] when every part is 2–6 digits; null when something else was typed. */
export function parsePrefixes(text: string): string[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter((p) => p.length > 0);
  if (!parts.every((p) => /^[0-9]{2,6}$/.test(p))) return null;
  return [...new Set(parts)].sort();
}

/** A region-code prefix as people name it: 32 → 江苏省, 3201 → 南京市, 320104 → 南京市秦淮区 (via code-names.ts). */
export function prefixName(prefix: string, lang: SentenceLanguage): string {
  if (prefix.length === 6) return regionName(prefix, lang);
  if (prefix.length === 4) return regionName(`${prefix}00`, lang);
  if (prefix.length === 2) return regionName(`${prefix}0000`, lang);
  // 3 or 5 digits name no administrative level: the enclosing one with the code.
  return `${regionName(prefix.length === 3 ? `${prefix.slice(0, 2)}0000` : `${prefix.slice(0, 4)}00`, lang)} (${prefix}…)`;
}

/** The jurisdiction in words; empty → `everywhere`. */
export function jurisdictionText(prefixes: readonly string[], lang: SentenceLanguage, everywhere: string): string {
  return prefixes.length === 0 ? everywhere : prefixes.map((p) => prefixName(p, lang)).join(lang === 'en' ? '; ' : '、');
}
