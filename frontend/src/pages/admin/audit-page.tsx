import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient } from '../../api/api-client';
import type { AuditEntryJson, AuditPageJson } from '../../api/admin-types';
import { useApiQuery } from '../../api/use-api-query';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-view';
import { useDocumentTitle } from '../../components/use-document-title';
import { AdminTabs } from './admin-tabs';
import { auditDetailLines } from './audit-detail';
import { jurisdictionText } from './region-prefixes';
import { eventTypeName, sentenceLanguage } from '../../i18n/event-sentences';
import '../../styles/admin.css';

interface Filters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actor: '', action: '', target: '', from: '', to: '' };
const PAGE = 50;

/** The filters as the API's query string (datetime-local inputs are local time: sent as instants). */
export function auditQuery(f: Filters): string {
  const params = new URLSearchParams();
  if (f.actor.trim()) params.set('actor', f.actor.trim());
  if (f.action.trim()) params.set('action', f.action.trim());
  if (f.target.trim()) params.set('target', f.target.trim());
  if (f.from) params.set('from', new Date(f.from).toISOString());
  if (f.to) params.set('to', new Date(f.to).toISOString());
  return params.toString();
}

function ActionName({ action }: { action: string }) {
  const { t, i18n } = useTranslation();
  // Catalogue keys cannot hold dots (i18next nests on them): login.success → login_success.
  const key = `admin.audit.actions.${action.replace(/\./g, '_')}`;
  // A known action in plain words, with its code for filtering; an unknown one as its code.
  return i18n.exists(key) ? (
    <>
      {t(key as 'admin.audit.actions.logout')} <code className="admin-muted">{action}</code>
    </>
  ) : (
    <code>{action}</code>
  );
}

function Entry({ entry }: { entry: AuditEntryJson }) {
  const { t, i18n } = useTranslation();
  const detail = auditDetailLines(entry.detail, {
    label: (key) => (i18n.exists(`admin.audit.detailKeys.${key}`) ? t(`admin.audit.detailKeys.${key}` as 'admin.audit.detailKeys.name') : null),
    yes: t('admin.audit.yes'),
    no: t('admin.audit.no'),
    // Jurisdictions name their regions (as the accounts page does), roles and event types are words.
    value: (key, raw) => {
      const lang = sentenceLanguage(i18n.resolvedLanguage);
      const regions = key === 'regionPrefixes' || (entry.action === 'account.jurisdiction_changed' && (key === 'from' || key === 'to'));
      if (regions && Array.isArray(raw)) return jurisdictionText(raw as string[], lang, t('admin.accounts.wholeJurisdiction'));
      if (key === 'role' && (raw === 'admin' || raw === 'inspector' || raw === 'enterprise')) return t(`admin.accounts.roles.${raw}`);
      if (key === 'type' && typeof raw === 'string') return eventTypeName(raw, lang);
      return null;
    },
  });
  return (
    <tr data-testid="audit-row" data-action={entry.action}>
      <td className="admin-nowrap" data-label={t('admin.audit.at')}>{new Date(entry.at).toLocaleString(i18n.resolvedLanguage)}</td>
      <td data-label={t('admin.audit.action')}>
        <ActionName action={entry.action} />
      </td>
      <td data-label={t('admin.audit.actor')}>{entry.actor ?? '—'}</td>
      <td className="admin-break" data-label={t('admin.audit.target')}>{entry.target ?? '—'}</td>
      <td data-label={t('admin.audit.reason')}>{entry.reason ?? ''}</td>
      <td className="admin-break admin-muted" data-label={t('admin.audit.client')}>{entry.client ?? ''}</td>
      <td className="admin-detail admin-muted" data-label={t('admin.audit.detail')}>
        {detail.length > 0 && (
          <dl className="audit-detail" data-testid="audit-detail">
            {detail.map((line) => (
              <div key={line.key}>
                <dt>{line.label}</dt>
                <dd>{line.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
    </tr>
  );
}

/** /admin/audit — admins: the audit trail with filters (actor, action, target, time range), paging and download. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.audit.title'));
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [older, setOlder] = useState<AuditEntryJson[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const query = auditQuery(filters);
  const path = `/api/audit-log?limit=${PAGE}${query ? `&${query}` : ''}`;
  const q = useApiQuery(path, (signal) => apiClient.get<AuditPageJson>(path, signal));
  const nextCursor = older.length > 0 ? cursor : q.status === 'success' ? q.data.nextCursor : null;
  const apply = (f: Filters) => {
    setFilters(f);
    setOlder([]);
    setCursor(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const loadMore = async () => {
    if (!nextCursor) return;
    const page = await apiClient.get<AuditPageJson>(`${path}&before=${nextCursor}`);
    setOlder((o) => [...o, ...page.items]);
    setCursor(page.nextCursor);
  };
  const field = (name: keyof Filters, type = 'text', hint?: string) => (
    <label className="field">
      <span className="field__label">{t(`admin.audit.${name}`)}</span>
      <input type={type} value={draft[name]} placeholder={hint} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} data-testid={`audit-filter-${name}`} />
    </label>
  );
  return (
    <>
      <AdminTabs />
      <PageHeader title={t('admin.audit.title')} subtitle={t('admin.audit.subtitle')} actions={<ExportButtons path="/api/audit-log" query={query} fileName={t('admin.audit.fileName')} testId="audit-export" />} />
      <form className="card admin-filters" onSubmit={submit} data-testid="audit-filters">
        {field('actor')}
        {field('action', 'text', t('admin.audit.actionHint'))}
        {field('target')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        <div className="admin-filters__buttons">
          <button type="submit" className="button button--primary" data-testid="audit-search">
            {t('admin.audit.search')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      <section className="card">
        {q.status === 'loading' ? <LoadingState /> : null}
        {q.status === 'error' ? <ErrorState onRetry={q.reload} /> : null}
        {q.status === 'success' && q.data.items.length === 0 ? <EmptyState title={t('admin.audit.empty')} /> : null}
        {q.status === 'success' && q.data.items.length > 0 ? (
          <>
            <div className="admin-table-wrap" tabIndex={0}>
              <table className="data-table admin-table" data-testid="audit-table">
                <thead>
                  <tr>
                    <th>{t('admin.audit.at')}</th>
                    <th>{t('admin.audit.action')}</th>
                    <th>{t('admin.audit.actor')}</th>
                    <th>{t('admin.audit.target')}</th>
                    <th>{t('admin.audit.reason')}</th>
                    <th>{t('admin.audit.client')}</th>
                    <th>{t('admin.audit.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...q.data.items, ...older].map((e) => (
                    <Entry key={e.id} entry={e} />
                  ))}
                </tbody>
              </table>
            </div>
            {nextCursor ? (
              <button type="button" className="button button--secondary" onClick={() => void loadMore()} data-testid="audit-more">
                {t('admin.audit.more')}
              </button>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
