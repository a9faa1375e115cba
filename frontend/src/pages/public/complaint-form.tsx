import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-client';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../api/public-types';
import { fetchComplaintChallenge, solveComplaintChallenge, submitComplaint } from './public-api';

const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

type FormState = { kind: 'idle' } | { kind: 'sending' } | { kind: 'verifying' } | { kind: 'sent'; reference: string; code: string } | { kind: 'error'; message: string };

/** 码上监督: a report needs a category and a description; photo and contact are optional. */
export function ComplaintForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<ComplaintCategory>('air');
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [state, setState] = useState<FormState>({ kind: 'idle' });
  // The file input is not controlled by React: cleared by hand after sending (#14 §6).
  const photoInput = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') return setState({ kind: 'error', message: t('complaint.required') });
    // Checked here for a quick answer; the server checks again (size and real content type).
    if (photo && photo.size > MAX_PHOTO_BYTES) return setState({ kind: 'error', message: t('complaint.photoTooLarge') });
    if (photo && !PHOTO_TYPES.includes(photo.type)) return setState({ kind: 'error', message: t('complaint.photoType') });
    const form = new FormData();
    form.set('category', category);
    form.set('text', text.trim());
    if (contact.trim() !== '') form.set('contact', contact.trim());
    if (photo) form.set('photo', photo);
    setState({ kind: 'sending' });
    try {
      // While the enterprise receives many reports, each needs a solved proof-of-work challenge:
      // solved here in the browser (a second or so on a phone), so a real reporter is never shut out.
      const asked = await fetchComplaintChallenge(token);
      if (asked.required && asked.challenge) {
        setState({ kind: 'verifying' });
        const altcha = await solveComplaintChallenge(asked.challenge);
        if (!altcha) return setState({ kind: 'error', message: t('complaint.challengeFailed') });
        form.set('altcha', altcha);
        setState({ kind: 'sending' });
      }
      const receipt = await submitComplaint(token, form);
      setState({ kind: 'sent', reference: receipt.reference, code: receipt.followCode });
      setText('');
      setContact('');
      setPhoto(null);
      if (photoInput.current) photoInput.current.value = '';
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const message =
        status === 429 ? t('complaint.rateLimited') : status === 413 ? t('complaint.photoTooLarge') : status === 400 && error instanceof ApiError && error.code === 'unsupported_photo_type' ? t('complaint.photoType') : error instanceof ApiError && error.code.startsWith('challenge_') ? t('complaint.challengeFailed') : t('complaint.failed');
      setState({ kind: 'error', message });
    }
  }

  return (
    <section className="q-card q-complaint" aria-labelledby="q-complaint-title">
      <h2 id="q-complaint-title">{t('complaint.title')}</h2>
      <p className="q-muted">{t('complaint.intro')}</p>
      {state.kind === 'sent' ? (
        <p className="q-notice q-notice--ok" role="status" data-testid="complaint-sent">
          {t('complaint.thanks', { reference: state.reference })}
          <br />
          <span data-testid="complaint-follow-code">{t('complaint.followCode', { code: state.code })}</span>{' '}
          <Link to={`/follow?reference=${encodeURIComponent(state.reference)}`}>{t('complaint.followLink')}</Link>
        </p>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <label className="q-field">
          <span>{t('complaint.category')}</span>
          <select name="category" value={category} onChange={(e) => setCategory(e.target.value as ComplaintCategory)}>
            {COMPLAINT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaint.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="q-field">
          <span>{t('complaint.text')}</span>
          <textarea name="text" rows={4} maxLength={2000} value={text} placeholder={t('complaint.textPlaceholder')} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="q-field">
          <span>{t('complaint.photo')}</span>
          <input ref={photoInput} name="photo" type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => setPhoto(e.target.files?.[0] ?? null)} />
        </label>
        <label className="q-field">
          <span>{t('complaint.contact')}</span>
          <input name="contact" type="text" maxLength={100} autoComplete="tel" value={contact} onChange={(e) => setContact(e.target.value)} />
        </label>
        {state.kind === 'verifying' ? (
          <p className="q-notice" role="status" data-testid="complaint-verifying">
            {t('complaint.verifying')}
          </p>
        ) : null}
        {state.kind === 'error' ? (
          <p className="q-notice q-notice--error" role="alert">
            {state.message}
          </p>
        ) : null}
        <button type="submit" className="q-button" disabled={state.kind === 'sending' || state.kind === 'verifying'}>
          {state.kind === 'sending' || state.kind === 'verifying' ? t('complaint.submitting') : t('complaint.submit')}
        </button>
      </form>
    </section>
  );
}
