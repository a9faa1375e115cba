import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const storage = new AsyncLocalStorage<string>();
/** A caller's own id is kept when it is short and plain (a proxy's X-Request-Id), else one is made up. */
const PLAIN_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Every HTTP request gets an id (the caller's `X-Request-Id`, or a new UUID), answered in
 * `X-Request-Id` and available to everything the request runs (the audit trail records it) through
 * `currentRequestId()`, without passing it down.
 */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Installed before and after the body parsers: stream callbacks (body parsing) may run outside the
    // async context entered here, so the second pass re-enters it with the same id.
    const already = res.getHeader('x-request-id');
    const given = req.headers['x-request-id'];
    const id = typeof already === 'string' ? already : typeof given === 'string' && PLAIN_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    storage.run(id, next);
  };
}

/** The id of the HTTP request this code runs for; null outside a request (timers, Kafka). */
export function currentRequestId(): string | null {
  return storage.getStore() ?? null;
}
