import { useTranslation } from 'react-i18next';
import { effectSentence, formatImpact, sentenceLanguage, type SentenceEffect, type SentenceEvent } from '../i18n/event-sentences';

export interface EffectSentenceItemProps {
  effect: SentenceEffect & { eventId: string; source?: SentenceEvent | null };
  /** Inspectors get the raw event id as a tooltip; enterprises and citizens never see it. */
  showEventId?: boolean;
}

/**
 * One active effect as a sentence — the same on the inspector's enterprise page and in the enterprise portal:
 * what happened, its effect on the total score (sub-score points secondary), the last day it counts, how it ends early.
 */
export function EffectSentenceItem({ effect, showEventId = false }: EffectSentenceItemProps) {
  const { i18n } = useTranslation();
  const s = effectSentence(effect, effect.source, sentenceLanguage(i18n.resolvedLanguage));
  return (
    <li className={`regain-list__item regain-list__item--${s.kind}`} data-testid="effect-sentence" title={showEventId ? effect.eventId : undefined}>
      <div className="regain-list__main">
        <strong className="effect-sentence__what">{s.what}</strong>
        <span className="regain-list__impact" title={s.subscore ?? undefined}>
          {s.kind === 'veto' ? s.impact : formatImpact(effect)}
        </span>
      </div>
      <div className="regain-list__meta">
        {s.kind !== 'veto' ? <span>{s.impact}</span> : null}
        {s.subscore ? <span className="muted">{s.subscore}</span> : null}
        <strong data-testid="effect-end">{s.end}</strong>
        {s.repair ? <span className="regain-list__repair">{s.repair}</span> : null}
      </div>
    </li>
  );
}
