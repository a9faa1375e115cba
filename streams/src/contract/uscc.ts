/**
 * 统一社会信用代码 (USCC) per GB 32100-2015: 18 characters from a 31-letter alphabet
 * (no I, O, Z, S, V), the 18th a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if one is outside the alphabet. */
export function usccCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** null when valid, else why not (used as the dead-letter detail). Lower case is rejected, not folded. */
export function usccProblem(value: string): string | null {
  if (value.length !== 18) return `must be 18 characters, got ${value.length}`;
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(value[i]!)) {
      return `character ${i + 1} ('${value[i]}') is not in the USCC alphabet ${ALPHABET}`;
    }
  }
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (expected !== value[17]) return `check character mismatch: expected '${expected}', got '${value[17]}'`;
  return null;
}

export function isValidUscc(value: string): boolean {
  return usccProblem(value) === null;
}

/** Completes 17 characters into a valid USCC (simulator and tests). */
export function withUsccCheck(first17: string): string {
  const c = usccCheckCharacter(first17);
  if (c === null || first17.length !== 17) throw new RangeError(`not 17 USCC characters: ${first17}`);
  return first17 + c;
}
