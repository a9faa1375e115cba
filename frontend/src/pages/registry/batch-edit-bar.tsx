import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import type { BatchEditPreview, BatchEditRequest, BatchEditResult } from '../../api/registry-types';
import type { ExplorerFilters } from '../enterprises/explorer-query';
import { batchFilterOf, INDUSTRY_CODE, REGION_CODE } from './registry-values';
import '../../styles/registry.css';

interface BatchEditBarProps {
  selected: readonly string[];
  allMatching: boolean;
  filters: ExplorerFilters;
  /** the list's total (shown while "all that match" is chosen; the confirmation gives the exact count) */
  total: number;
  onAllMatching: () => void;
  onClear: () => void;
}

/** The explorer's selection bar: new region / industry, a confirmation with the server's count, then the result page. */
export function BatchEditBar({ selected, allMatching, filters, total, onAllMatching, onClear }: BatchEditBarProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);
  const [region, setRegion] = useState('');
  const [industry, setIndustry] = useState('');
  const [preview, setPreview] = useState<BatchEditPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const request = (): BatchEditRequest | null => {
    const regionCode = region.trim();
    const industryCode = industry.trim().toUpperCase();
    if ((!regionCode && !industryCode) || (regionCode && !REGION_CODE.test(regionCode)) || (industryCode && !INDUSTRY_CODE.test(industryCode))) return null;
    return {
      selection: allMatching ? { filter: batchFilterOf(filters) } : { usccs: [...selected] },
      set: { ...(regionCode ? { regionCode } : {}), ...(industryCode ? { industryCode } : {}) },
    };
  };

  const run = async (confirmIt: boolean) => {
    const body = request();
    if (!body) {
      setError(t('registry.batch.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!confirmIt) setPreview(await apiClient.post<BatchEditPreview>('/api/registry/batch-edits/preview', body));
      else {
        const result = await apiClient.post<BatchEditResult>('/api/registry/batch-edits', body);
        navigate(`/registry/batch-edits/${result.id}`);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="rg-batch" role="region" aria-label={t('registry.batch.change')} data-testid="batch-bar">
      <div className="rg-batch__row">
        <strong data-testid="batch-count">{allMatching ? t('registry.batch.allMatchingOn') : t('registry.batch.selected', { count: selected.length })}</strong>
        {allMatching ? <span className="muted">≈ {number.format(total)}</span> : (
          <button type="button" className="button button--secondary button--small" onClick={onAllMatching} data-testid="batch-all-matching">
            {t('registry.batch.allMatching')}
          </button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={onClear}>
          {t('registry.batch.clear')}
        </button>
      </div>
      <div className="rg-batch__row">
        <label className="field">
          <span className="field__label">{t('registry.batch.newRegion')}</span>
          <input value={region} onChange={(e) => { setRegion(e.target.value); setPreview(null); }} inputMode="numeric" maxLength={6} placeholder="320104" data-testid="batch-region" />
        </label>
        <label className="field">
          <span className="field__label">{t('registry.batch.newIndustry')}</span>
          <input value={industry} onChange={(e) => { setIndustry(e.target.value); setPreview(null); }} maxLength={5} placeholder="C2614" data-testid="batch-industry" />
        </label>
        <button type="button" className="button button--primary" onClick={() => run(false)} disabled={busy} data-testid="batch-change">
          {t('registry.batch.change')}
        </button>
      </div>
      {preview ? (
        <div className="rg-batch__confirm" role="alertdialog" aria-label={t('registry.batch.confirm')} data-testid="batch-confirm">
          <p>{t('registry.batch.confirmText', { selected: number.format(preview.selected), willChange: number.format(preview.willChange), unchanged: number.format(preview.unchanged), unregistered: number.format(preview.unregistered) })}</p>
          <button type="button" className="button button--primary" onClick={() => run(true)} disabled={busy || preview.willChange === 0} data-testid="batch-confirm-button">
            {busy ? t('registry.batch.working') : t('registry.batch.confirm')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setPreview(null)}>
            {t('registry.batch.cancel')}
          </button>
        </div>
      ) : null}
      {error ? <p className="rg-error" role="alert">{error}</p> : null}
    </div>
  );
}
