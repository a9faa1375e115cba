import type { TFunction } from 'i18next';
import type { BatchEditRequest, FieldChange, RegistryField } from '../../api/registry-types';
import type { ExplorerFilters } from '../enterprises/explorer-query';
import { industryName, regionName } from '../../i18n/code-names';
import type { SentenceLanguage } from '../../i18n/event-sentences';

/** A registry value as people read it: region and industry by name with their code, empty as "(empty)". */
export function registryValueText(field: RegistryField, value: string | number | null, lang: SentenceLanguage, t: TFunction): string {
  if (value === null || value === '') return t('registry.empty');
  const withCode = (name: string, code: string) => (lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`);
  if (field === 'regionCode' && typeof value === 'string') {
    const name = regionName(value, lang);
    return name === value ? value : withCode(name, value);
  }
  if (field === 'industryCode' && typeof value === 'string') {
    const name = industryName(value, lang);
    // An unknown class is named by its division "with the code" already.
    return name.includes(value) ? name : withCode(name, value);
  }
  return String(value);
}

/** "行政区划：玄武区（320102）→ 秦淮区（320104）" */
export function changeText(change: FieldChange, lang: SentenceLanguage, t: TFunction): string {
  return `${t(`registry.fields.${change.field}`)}${lang === 'zh' ? '：' : ': '}${registryValueText(change.field, change.from, lang, t)} → ${registryValueText(change.field, change.to, lang, t)}`;
}

export const REGION_CODE = /^\d{6}$/;
export const INDUSTRY_CODE = /^[A-T](\d{2}|\d{3}|\d{4})?$/;

/** The explorer's filter as a batch-edit selection ("all that match the filter"). */
export function batchFilterOf(f: ExplorerFilters): Extract<BatchEditRequest['selection'], { filter: unknown }>['filter'] {
  return {
    ...(f.q ? { q: f.q } : {}),
    ...(f.region.length ? { region: f.region } : {}),
    ...(f.industry.length ? { industry: f.industry } : {}),
    ...(f.stars.length ? { stars: f.stars } : {}),
    ...(f.face.length ? { face: f.face } : {}),
  };
}
