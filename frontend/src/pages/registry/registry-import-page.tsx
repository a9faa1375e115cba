import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiClient, ApiError } from '../../api/api-client';
import { postForm } from '../../api/post-form';
import type { ImportApplyResult, ImportReport } from '../../api/registry-types';
import { fetchBlob, saveBlob } from '../../api/fetch-blob';
import { PageHeader } from '../../components/page-header';
import { useDocumentTitle } from '../../components/use-document-title';
import { sentenceLanguage } from '../../i18n/event-sentences';
import { changeText, registryValueText } from './registry-values';
import '../../styles/registry.css';

/** Rows rendered per section; the counts cover the whole file. */
const SHOWN = 200;

/** The template in the page's language, as CSV or Excel (fetched with the token, then saved). */
function TemplateButtons() {
  const { t, i18n } = useTranslation();
  const [failed, setFailed] = useState(false);
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const download = async (format: 'csv' | 'xlsx') => {
    setFailed(false);
    try {
      saveBlob(await fetchBlob(`/api/registry/import-template.${format}?lang=${lang}`), `${t('registry.import.templateFile')}.${format}`);
    } catch {
      setFailed(true);
    }
  };
  return (
    <span className="export-buttons" role="group" aria-label={t('registry.import.template')}>
      <button type="button" className="button button--secondary" onClick={() => download('csv')} data-testid="import-template-csv">
        {t('registry.import.templateCsv')}
      </button>
      <button type="button" className="button button--secondary" onClick={() => download('xlsx')} data-testid="import-template-xlsx">
        {t('registry.import.templateXlsx')}
      </button>
      {failed ? <span className="field__error" role="alert">{t('exports.failed')}</span> : null}
    </span>
  );
}

/** /registry/import — upload, dry-run report (add / change / unchanged / errors), apply. */
export function RegistryImportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('registry.import.title'));
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportApplyResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy('check');
    setError(null);
    setResult(null);
    try {
      const form = new FormData();
      form.set('file', file, file.name);
      setReport(await postForm<ImportReport>('/api/registry/imports', form));
    } catch (err) {
      setReport(null);
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!report) return;
    setBusy('apply');
    setError(null);
    try {
      setResult(await apiClient.post<ImportApplyResult>(`/api/registry/imports/${report.id}/apply`, {}));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(null);
    }
  };

  const toApply = report ? report.counts.add + report.counts.change : 0;
  const shown = (total: number) => (total > SHOWN ? <p className="muted">{t('registry.import.shownFirst', { shown: SHOWN, total: number.format(total) })}</p> : null);

  return (
    <>
      <PageHeader
        title={t('registry.import.title')}
        subtitle={t('registry.import.subtitle')}
        actions={<TemplateButtons />}
      />
      <section className="card rg-upload">
        <p className="muted">{t('registry.import.templateHint')}</p>
        <form onSubmit={check} className="rg-upload__form" data-testid="import-form">
          <label className="field">
            <span className="field__label">{t('registry.import.file')}</span>
            <input
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setReport(null);
                setResult(null);
              }}
              data-testid="import-file"
            />
          </label>
          <button type="submit" className="button button--primary" disabled={!file || busy !== null} data-testid="import-check">
            {busy === 'check' ? t('registry.import.checking') : t('registry.import.check')}
          </button>
        </form>
        <p>
          <Link to="/registry/hand-registrations">{t('registry.import.handLink')}</Link>
        </p>
        {error ? (
          <p className="rg-error" role="alert" data-testid="import-error">
            {error}
          </p>
        ) : null}
      </section>

      {report ? (
        <section className="card rg-report" data-testid="import-report" aria-live="polite">
          <h2 className="card__title">{t('registry.import.reportTitle', { file: report.fileName })}</h2>
          <p className="muted">{t('registry.import.reportNote')}</p>
          <dl className="rg-counts">
            {(['rows', 'add', 'change', 'unchanged', 'errorRows'] as const).map((key) => (
              <div key={key} className={`rg-count rg-count--${key}`} data-testid={`import-count-${key}`}>
                <dt>{t(`registry.import.counts.${key}`)}</dt>
                <dd>{number.format(report.counts[key])}</dd>
              </div>
            ))}
          </dl>

          {result ? (
            <p className="rg-done" role="status" data-testid="import-result">
              {t('registry.import.applied', result)}
            </p>
          ) : report.appliedAt ? (
            <p className="rg-done">{t('registry.import.alreadyApplied', { time: new Date(report.appliedAt).toLocaleString(i18n.resolvedLanguage) })}</p>
          ) : toApply > 0 ? (
            <button type="button" className="button button--primary" onClick={apply} disabled={busy !== null} data-testid="import-apply">
              {busy === 'apply' ? t('registry.import.applying') : t('registry.import.apply', { count: toApply })}
            </button>
          ) : (
            <p className="muted" data-testid="import-nothing">{t('registry.import.nothingToApply')}</p>
          )}

          {report.errors.length > 0 ? (
            <>
              <h3 className="rg-section rg-section--errors">{t('registry.import.errorsTitle', { count: report.errors.length })}</h3>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registry.import.errorsTitle', { count: report.errors.length })}>
                <table className="data-table" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('registry.import.row')}</th>
                      <th scope="col">{t('registry.import.column')}</th>
                      <th scope="col">{t('registry.import.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.slice(0, SHOWN).map((e, i) => (
                      <tr key={`${e.row}-${e.column}-${i}`}>
                        <td className="num">{e.row}</td>
                        <td>{e.column ? t(`registry.fields.${e.column}`) : '—'}</td>
                        <td>{e.message[lang]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shown(report.errors.length)}
            </>
          ) : null}

          {report.change.length > 0 ? (
            <>
              <h3 className="rg-section">{t('registry.import.changeTitle', { count: report.change.length })}</h3>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registry.import.changeTitle', { count: report.change.length })}>
                <table className="data-table" data-testid="import-changes">
                  <thead>
                    <tr>
                      <th scope="col">{t('registry.import.row')}</th>
                      <th scope="col">{t('registry.fields.name')}</th>
                      <th scope="col">{t('registry.import.changes')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.change.slice(0, SHOWN).map((c) => (
                      <tr key={c.uscc}>
                        <td className="num">{c.row}</td>
                        <td>
                          <Link to={`/enterprises/${c.uscc}`}>{c.name}</Link>
                          <div className="mono muted">{c.uscc}</div>
                        </td>
                        <td>
                          <ul className="rg-changes">
                            {c.changes.map((ch) => (
                              <li key={ch.field}>{changeText(ch, lang, t)}</li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shown(report.change.length)}
            </>
          ) : null}

          {report.add.length > 0 ? (
            <>
              <h3 className="rg-section">{t('registry.import.addTitle', { count: report.add.length })}</h3>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('registry.import.addTitle', { count: report.add.length })}>
                <table className="data-table" data-testid="import-adds">
                  <thead>
                    <tr>
                      <th scope="col">{t('registry.import.row')}</th>
                      <th scope="col">{t('registry.fields.name')}</th>
                      <th scope="col" className="hide-narrow">{t('registry.fields.regionCode')}</th>
                      <th scope="col" className="hide-narrow">{t('registry.fields.industryCode')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.add.slice(0, SHOWN).map((a) => (
                      <tr key={a.uscc}>
                        <td className="num">{a.row}</td>
                        <td>
                          {a.name}
                          <div className="mono muted">{a.uscc}</div>
                        </td>
                        <td className="hide-narrow">{registryValueText('regionCode', a.regionCode, lang, t)}</td>
                        <td className="hide-narrow">{registryValueText('industryCode', a.industryCode, lang, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {shown(report.add.length)}
            </>
          ) : null}

          {report.unchanged.length > 0 ? (
            <details className="rg-unchanged">
              <summary>{t('registry.import.unchangedTitle', { count: report.unchanged.length })}</summary>
              <ul>
                {report.unchanged.slice(0, SHOWN).map((u) => (
                  <li key={u.uscc}>
                    {t('registry.import.row')} {u.row}: {u.name} <span className="mono muted">{u.uscc}</span>
                  </li>
                ))}
              </ul>
              {shown(report.unchanged.length)}
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
