import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { toErrorBody } from './all-exceptions.filter';
import { errorBody } from './api-error';
import { inputProblem, problemMessage } from './input-sanity';

/**
 * express.json with a size limit whose errors (413 too large, 400 malformed JSON) are answered in the
 * contract shape right here: body parsing runs before Nest's router, so Nest's exception filters
 * never see these errors and express would otherwise answer with an HTML page.
 */
export function jsonBodyMiddleware(limit: string): RequestHandler {
  const parse = express.json({ limit });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error === undefined || error === null) {
        // NUL characters and absurd nesting are refused here once, for every JSON route.
        const problem = inputProblem(req.body);
        if (problem) return res.status(400).json(errorBody('invalid_input', problemMessage(problem)));
        return next();
      }
      const { status, type } = error as { status?: number; type?: string };
      const code = typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
      const body = toErrorBody(error, code);
      if (type === 'entity.parse.failed') body.error.message = 'Request body is not valid JSON';
      if (code === 413) body.error.message = `Request body larger than ${limit}`;
      res.status(code).json(body);
    });
  };
}
