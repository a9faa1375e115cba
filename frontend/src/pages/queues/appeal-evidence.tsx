import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client';
import { fetchBlob } from '../../api/fetch-blob';
import type { AppealJson } from '../../api/public-types';
import { endSession, getToken } from '../../api/session';

type Evidence = AppealJson['evidence'][number];

/** Sizes in words people read: "320 KB", "1.2 MB". */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Evidence files of an appeal as download buttons. The download needs the bearer token, so the file is
 * fetched as a blob and saved through a temporary link (the server sends it as an attachment anyway).
 */
export function EvidenceList({ appeal }: { appeal: AppealJson }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  if (appeal.evidence.length === 0) return null;
  async function download(e: Evidence) {
    try {
      const url = URL.createObjectURL(await fetchBlob(`/api/appeals/${appeal.id}/evidence/${e.id}`));
      const a = document.createElement('a');
      a.href = url;
      a.download = e.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    }
  }
  return (
    <div className="evidence" data-testid="appeal-evidence">
      <span className="queue__muted">{t('queues.evidence')}：</span>
      <ul className="evidence__list">
        {appeal.evidence.map((e) => (
          <li key={e.id}>
            <button type="button" className="button button--secondary button--small" onClick={() => void download(e)} data-testid="evidence-download">
              {e.fileName}
            </button>{' '}
            <span className="queue__muted">
              {t(e.contentType === 'application/pdf' ? 'queues.evidencePdf' : 'queues.evidenceImage')} · {fileSize(e.size)}
            </span>
          </li>
        ))}
      </ul>
      {error ? <span className="decision__error" role="alert">{error}</span> : null}
    </div>
  );
}

/** The enterprise attaches a PDF or image to its pending appeal; the server checks type and size. */
export function EvidenceUpload({ appeal, onUploaded }: { appeal: AppealJson; onUploaded: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append('file', file);
    const token = getToken();
    try {
      const res = await fetch(`/api/appeals/${appeal.id}/evidence`, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (res.status === 401) endSession('expired');
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        const code = (body as { error?: { code?: string } } | null)?.error?.code;
        // The two refusals people meet, in their language; anything else in the server's words.
        const message = res.status === 413 ? t('queues.evidenceTooLarge') : code === 'unsupported_file_type' ? t('queues.evidenceWrongType') : (body?.error?.message ?? res.statusText);
        throw new ApiError(res.status, code ?? `http_${res.status}`, message);
      }
      onUploaded();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('errors.unknown'));
    } finally {
      setBusy(false);
      input.value = '';
    }
  }
  return (
    <label className="evidence__upload">
      {t('queues.attachEvidence')}
      <input type="file" accept="application/pdf,image/jpeg,image/png,image/webp" disabled={busy} onChange={(e) => void upload(e)} data-testid={`evidence-upload-${appeal.id}`} />
      <span className="queue__muted">{t('queues.evidenceHint')}</span>
      {error ? <span className="decision__error" role="alert">{error}</span> : null}
    </label>
  );
}
