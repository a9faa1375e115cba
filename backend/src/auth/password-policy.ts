import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/** zxcvbn score 0-4; 3 = "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

// Built once: the dictionaries (common passwords, names, keyboard patterns) take a while to load.
let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, useLevenshteinDistance: true });
  return factory;
}

/**
 * Why a new password is refused, or null when it is strong enough: zxcvbn score ≥ 3 against the
 * common-password dictionary, keyboard patterns, and the account's own name (userInputs).
 * Only the first 100 characters are scored: zxcvbn is slow on very long input, and 100 characters
 * that score ≥ 3 are strong whatever follows.
 */
export function weakPasswordReason(password: string, userInputs: readonly string[] = []): string | null {
  const result = estimator().check(password.slice(0, 100), [...userInputs, 'envface', 'huanbao']);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  return 'This password is too easy to guess: use a longer passphrase of unrelated words, not a common password or a name';
}
