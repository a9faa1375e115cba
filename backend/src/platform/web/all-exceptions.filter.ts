import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, DEFAULT_ERROR_CODES, errorBody } from './api-error';
import { WebAppAssets } from './web-app-assets';

/**
 * Renders every error as `{"error":{"code","message"}}`. 5xx details go to the log, never to the
 * client. An unknown GET outside the API is not an error but a client-side route of the web app.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly webApp: WebAppAssets) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();

    const status = exception instanceof HttpException ? exception.getStatus() : statusOfForeignError(exception);
    if (status === HttpStatus.NOT_FOUND && this.webApp.servesRoute(request.method, request.path)) {
      this.webApp.sendIndex(response);
      return;
    }
    if (status >= 500) {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${request.method} ${request.path} failed: ${detail}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json(toErrorBody(exception, status));
  }
}

export function toErrorBody(exception: unknown, status: number): ReturnType<typeof errorBody> {
  const code = exception instanceof ApiError ? exception.code : (DEFAULT_ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'));
  if (status >= 500) return errorBody(code, status === HttpStatus.SERVICE_UNAVAILABLE ? 'Service unavailable' : 'Internal server error');
  return errorBody(code, clientMessage(exception, status));
}

function clientMessage(exception: unknown, status: number): string {
  if (status === HttpStatus.TOO_MANY_REQUESTS) return 'Too many requests; try again later';
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    if (typeof body === 'string') return body;
    const nested = (body as { error?: { message?: unknown } }).error;
    if (nested && typeof nested === 'object' && typeof nested.message === 'string') return nested.message;
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    return exception.message;
  }
  return status === HttpStatus.PAYLOAD_TOO_LARGE ? 'Request body too large' : 'Bad request';
}

/** Errors from express middleware (body-parser) carry their HTTP status; anything else is a 500. */
function statusOfForeignError(exception: unknown): number {
  if (exception && typeof exception === 'object') {
    const status = (exception as { status?: unknown; statusCode?: unknown }).status ?? (exception as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return HttpStatus.INTERNAL_SERVER_ERROR;
}
