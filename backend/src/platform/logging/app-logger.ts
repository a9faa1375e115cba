import { ConsoleLogger } from '@nestjs/common';
import { LOG_LEVELS, type LogLevel } from '../config/app-config';

/** Structured JSON logs (one object per line) at `level` and everything more severe. */
export function createAppLogger(level: LogLevel): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) });
}
