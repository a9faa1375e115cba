import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { AuditLogRepository } from './audit-log.repository';
import type { AuthUser } from './auth-user';

/** Export routes: every staff `.csv` / `.xlsx` download (the public population file has no account and is not one). */
const EXPORT_PATH = /\.(csv|xlsx)$/;

/**
 * The audit row of every export, recorded once for all export routes: who downloaded which export,
 * with which filters (the query string), how many rows went out and whether the file was whole.
 * The row count is left on `res.locals.export` by read/exports (sendExport).
 */
@Injectable()
export class ExportAuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditLogRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const response = context.switchToHttp().getResponse<Response>();
    if (!EXPORT_PATH.test(request.path) || !request.user) return next.handle();
    const user = request.user;
    const record = (failed: boolean): void => {
      const sent = response.locals.export as { rows: number; complete: boolean } | undefined;
      if (!sent) return; // refused before the first byte (a JSON error): nothing was exported
      void this.audit.record({
        action: 'export.downloaded',
        actor: { id: user.id, username: user.username },
        target: request.path,
        detail: { filters: request.query, rows: sent.rows, complete: sent.complete && !failed },
      });
    };
    return next.handle().pipe(tap({ next: () => record(false), error: () => record(true) }));
  }
}
