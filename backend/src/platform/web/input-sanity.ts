import type { PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, errorBody } from './api-error';

/** Deeper JSON than this is refused: no route's schema nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

export type InputProblem = 'nul' | 'too_deep';

/**
 * The first problem in a parsed value: a NUL character in any string or key (PostgreSQL cannot store
 * it in text, and it hides text from people reading logs), or nesting deeper than MAX_JSON_DEPTH.
 * Walks plain objects and arrays only (never request objects, buffers or class instances).
 */
export function inputProblem(value: unknown, depth = 0): InputProblem | null {
  if (typeof value === 'string') return value.includes('\u0000') ? 'nul' : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_JSON_DEPTH) return 'too_deep';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = inputProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return 'nul';
    const problem = inputProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

export function problemMessage(problem: InputProblem): string {
  return problem === 'nul' ? 'Text must not contain NUL characters' : `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Before routing (so before authentication, and for every route alike): a NUL anywhere in the URL
 * (path or query, raw or %00) is 400, and an API request that carries a body must send JSON or
 * multipart/form-data — anything else (text/plain, forms, XML) is 400 instead of reaching a handler
 * that would see an empty body.
 */
export function inputSanityMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (/%00|\u0000/i.test(req.originalUrl)) {
      res.status(400).json(errorBody('invalid_input', problemMessage('nul')));
      return;
    }
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && BODY_METHODS.has(req.method) && req.path.startsWith('/api/') && !req.is(['application/json', 'application/*+json', 'multipart/form-data'])) {
      res.status(400).json(errorBody('invalid_input', 'Send the body as application/json (or multipart/form-data where a file is uploaded)'));
      return;
    }
    next();
  };
}

/**
 * Global pipe: every handler argument (bodies parsed by multer included, params, queries) is checked
 * for NUL characters and depth, whatever the route's own schema says.
 */
export class InputSanityPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const problem = inputProblem(value);
    if (problem) throw new ApiError(400, 'invalid_input', problemMessage(problem));
    return value;
  }
}
