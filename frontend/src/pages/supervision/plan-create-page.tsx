import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import { dayIn } from '../../api/day-range';
import type { PlanJson } from '../../api/supervision-types';
import { PageHeader } from '../../components/page-header';
import { splitList } from './list-view';
import '../../styles/supervision.css';
import { useDocumentTitle } from '../../components/use-document-title';

/** /inspection-plans/new — the plan's scope, size and inspector pool; the server draws with a fresh seed. */
export function PlanCreatePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.plans.form.title'));
  const navigate = useNavigate();
  const today = dayIn(new Date());
  // Day empty = the server's today.
  const [form, setForm] = useState({ name: '', day: '', regions: '', industries: '', size: '10', inspectors: '', includeExempt: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const plan = await apiClient.post<PlanJson>('/api/inspection-plans', {
        name: form.name,
        ...(form.day ? { day: form.day } : {}),
        regionPrefixes: splitList(form.regions),
        industryPrefixes: splitList(form.industries),
        size: Number(form.size),
        inspectors: splitList(form.inspectors),
        includeExempt: form.includeExempt,
      });
      navigate(`/inspection-plans/${plan.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('supervision.plans.form.title')} subtitle={t('supervision.plans.form.weights')} />
      <form className="card sv-form" onSubmit={submit} data-testid="plan-form">
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.name')}</span>
          <input required maxLength={200} value={form.name} onChange={(e) => set({ name: e.target.value })} name="name" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.day')}</span>
          <input type="date" max={today} value={form.day} onChange={(e) => set({ day: e.target.value })} name="day" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.regionPrefixes')}</span>
          <input value={form.regions} onChange={(e) => set({ regions: e.target.value })} name="regions" placeholder="3201, 3205" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.industryPrefixes')}</span>
          <input value={form.industries} onChange={(e) => set({ industries: e.target.value })} name="industries" placeholder="C26" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.size')}</span>
          <input type="number" min={1} max={10000} required value={form.size} onChange={(e) => set({ size: e.target.value })} name="size" />
        </label>
        <label className="field">
          <span className="field__label">{t('supervision.plans.form.inspectors')}</span>
          <input required value={form.inspectors} onChange={(e) => set({ inspectors: e.target.value })} name="inspectors" placeholder="zhang.wei, li.na, wang.fang" />
        </label>
        <label className="sv-toggle">
          <input type="checkbox" checked={form.includeExempt} onChange={(e) => set({ includeExempt: e.target.checked })} name="includeExempt" />{' '}
          {t('supervision.plans.form.includeExempt')}
        </label>
        {error ? (
          <p className="sv-error" role="alert" data-testid="plan-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy} data-testid="plan-submit">
          {busy ? t('supervision.plans.form.submitting') : t('supervision.plans.form.submit')}
        </button>
      </form>
    </>
  );
}
