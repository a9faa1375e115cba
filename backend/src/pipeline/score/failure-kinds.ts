/** PostgreSQL refused the data itself (class 22 data exception, e.g. a NUL in text): the input is malformed. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Failures that retrying the same batch can fix: the connection (class 08, node socket errors, the
 * pool's connect timeout or shutdown), a serialization conflict or deadlock (40), the server's
 * resources or shutdown (53, 57: admin shutdown, statement timeout). Anything else fails the same way
 * every time and must not hold the partition: the batch is split until the culprit stands alone.
 */
export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (/^(08|40|53|57|58)/.test(code)) return true;
    if (/^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, ENOTFOUND…
  }
  const message = error instanceof Error ? error.message : String(error);
  return /connection|terminat|timeout exceeded|pool after calling end|Client was closed|not queryable/i.test(message);
}
