import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiClient } from '../../api/api-client';
import type { DeadLetterJson, RedriveResultJson } from '../../api/dead-letter-types';
import { displayValue, isDeadLetterReason, withRedriveState } from './dead-letter-format';
import { RedriveDialog } from './redrive-dialog';

type RedriveState =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'running' }
  | { step: 'done'; result: RedriveResultJson }
  | { step: 'failed'; message: string };

/** One dead letter: why, where from, when, its re-drives, the message itself (folded), and the re-drive button. */
export function DeadLetterCard({ letter, onChanged }: { letter: DeadLetterJson; onChanged: (letter: DeadLetterJson) => void }) {
  const { t, i18n } = useTranslation();
  const [redrive, setRedrive] = useState<RedriveState>({ step: 'idle' });
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.resolvedLanguage);
  const sentence = t(`deadLetters.sentences.${letter.reason}`);
  // A processing error waits for someone to re-drive it, until a re-drive got it through (accepted now or
  // before): then it is history and no longer calls for attention.
  const settled = letter.lastRedrive?.outcome === 'accepted' || letter.lastRedrive?.outcome === 'duplicate';
  const urgent = letter.reason === 'processing_error' && !settled;

  async function run() {
    setRedrive({ step: 'running' });
    try {
      const result = await apiClient.post<RedriveResultJson>(`/api/dead-letters/${letter.id}/redrive`, {});
      setRedrive({ step: 'done', result });
    } catch (error) {
      setRedrive({ step: 'failed', message: redriveErrorText(error) });
      return;
    }
    // The re-drive is recorded by now: show its count and latest entry as the server has them. If this read
    // fails, the outcome above still stands; the history catches up on the next visit.
    try {
      onChanged(withRedriveState(letter, await apiClient.get<DeadLetterJson>(`/api/dead-letters/${letter.id}`)));
    } catch {
      // nothing to add: the outcome is already on screen
    }
  }

  function redriveErrorText(error: unknown): string {
    if (error instanceof ApiError && error.code === 'not_redrivable') return t('deadLetters.notRedrivable');
    const message = error instanceof ApiError ? error.message : t('errors.unknown');
    return t('deadLetters.redriveFailed', { message });
  }

  return (
    <li className={`dlq-card card${urgent ? ' dlq-card--urgent' : ''}`} data-testid="dead-letter" data-id={letter.id} data-reason={letter.reason}>
      <div className="dlq-card__head">
        <span className={`dlq-reason dlq-reason--${letter.reason}`}>{t(`deadLetters.reasons.${letter.reason}`)}</span>
        <time className="dlq-card__time" dateTime={letter.at}>
          {time(letter.at)}
        </time>
      </div>
      <p className="dlq-card__sentence" data-testid="dead-letter-sentence">
        {sentence}
      </p>
      {letter.detail ? (
        <p className="dlq-card__detail">
          <span className="dlq-card__label">{t('deadLetters.detailLabel')}</span>
          {letter.detail}
        </p>
      ) : null}
      <p className="dlq-card__source">
        {letter.topic === null
          ? t('deadLetters.sourceHttp')
          : t('deadLetters.sourceKafka', { topic: letter.topic, partition: letter.partition ?? '–', offset: letter.offset ?? '–' })}
        {letter.key ? <> · {t('deadLetters.key', { key: letter.key })}</> : null}
      </p>
      <p className="dlq-card__history" data-testid="dead-letter-history">
        {letter.redrives === 0 ? t('deadLetters.neverRedriven') : t('deadLetters.redriveCount', { count: letter.redrives })}
        {letter.lastRedrive ? (
          <>
            {' · '}
            {t('deadLetters.lastRedrive', {
              by: letter.lastRedrive.by,
              time: time(letter.lastRedrive.at),
              outcome: t(`deadLetters.outcomes.${letter.lastRedrive.outcome}`),
            })}
          </>
        ) : null}
      </p>
      <MessageValue letter={letter} />
      <div className="dlq-card__actions">
        <button
          type="button"
          className={`button button--small ${urgent ? 'button--primary' : 'button--secondary'}`}
          disabled={redrive.step === 'running'}
          onClick={() => setRedrive({ step: 'confirming' })}
          data-testid="redrive-button"
        >
          {redrive.step === 'running' ? t('deadLetters.redriving') : t('deadLetters.redrive')}
        </button>
        {redrive.step === 'done' ? <RedriveOutcome result={redrive.result} /> : null}
        {redrive.step === 'failed' ? (
          <p className="dlq-outcome dlq-outcome--rejected" role="alert" data-testid="redrive-outcome" data-outcome="error">
            {redrive.message}
          </p>
        ) : null}
      </div>
      {redrive.step === 'confirming' ? (
        <RedriveDialog reason={letter.reason} sentence={sentence} onConfirm={() => void run()} onCancel={() => setRedrive({ step: 'idle' })} />
      ) : null}
    </li>
  );
}

function RedriveOutcome({ result }: { result: RedriveResultJson }) {
  const { t } = useTranslation();
  let text: string;
  if (result.outcome === 'accepted') {
    text = result.revisions > 0 ? t('deadLetters.resultAcceptedRevisions', { count: result.revisions }) : t('deadLetters.resultAccepted');
  } else if (result.outcome === 'duplicate') {
    text = t('deadLetters.resultDuplicate');
  } else {
    // The reason in words, then the server's detail (often the exact field or value at fault).
    const reason = isDeadLetterReason(result.reason) ? t(`deadLetters.sentences.${result.reason}`) : (result.reason ?? '');
    text = `${t('deadLetters.resultRejected', { reason })}${result.detail ? ` ${result.detail}` : ''}`;
  }
  return (
    <p className={`dlq-outcome dlq-outcome--${result.outcome}`} role="status" data-testid="redrive-outcome" data-outcome={result.outcome}>
      {text}
    </p>
  );
}

/**
 * The message, folded by default (a list of letters should read as a list of reasons); lists carry at most
 * 4096 characters, the rest is one request away.
 */
function MessageValue({ letter }: { letter: DeadLetterJson }) {
  const { t } = useTranslation();
  const [full, setFull] = useState<{ step: 'none' } | { step: 'loading' } | { step: 'loaded'; letter: DeadLetterJson } | { step: 'failed' }>({
    step: 'none',
  });
  const shown = full.step === 'loaded' ? full.letter : letter;
  const value = displayValue(shown);

  async function loadFull() {
    setFull({ step: 'loading' });
    try {
      setFull({ step: 'loaded', letter: await apiClient.get<DeadLetterJson>(`/api/dead-letters/${letter.id}`) });
    } catch {
      setFull({ step: 'failed' });
    }
  }

  return (
    <details className="dlq-value">
      <summary>
        {t('deadLetters.value')}
        <span className="dlq-value__meta">
          {' · '}
          {shown.encoding === 'base64'
            ? t('deadLetters.valueBase64')
            : shown.valueTruncated
              ? t('deadLetters.valueTruncated', { count: shown.value.length })
              : t('deadLetters.valueLength', { count: shown.value.length })}
        </span>
      </summary>
      <pre className="dlq-value__text" data-kind={value.kind}>
        {value.text}
      </pre>
      {shown.valueTruncated ? (
        <button type="button" className="button button--secondary button--small" disabled={full.step === 'loading'} onClick={() => void loadFull()}>
          {full.step === 'loading' ? t('deadLetters.valueLoading') : t('deadLetters.valueFull')}
        </button>
      ) : null}
      {full.step === 'failed' ? (
        <p className="dlq-outcome dlq-outcome--rejected" role="alert">
          {t('state.error')}
        </p>
      ) : null}
    </details>
  );
}
