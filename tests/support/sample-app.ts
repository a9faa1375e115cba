import * as path from 'node:path';
import { startApp, type RunningApp } from '../../backend/src/platform/bootstrap/start-app';
import { fixedClock } from '../../backend/src/platform/clock';
import { ScoringService } from '../../backend/src/pipeline/score/scoring.service';
import { FRONTEND_DIST } from './frontend-build';
import { messagesOf } from './sample-messages';

const STREAM = path.join(__dirname, '..', 'fixtures', 'stream-2026-03-15.jsonl');

/**
 * The app in-process for browser tests: the built web app, a fixed clock, no simulator, and the
 * sample stream fed through the scorer in batches of 50 (as the Kafka edge would).
 */
export async function startSampleApp(databaseUrl: string, adminPassword: string, now: string): Promise<RunningApp> {
  const app = await startApp(
    { DATABASE_URL: databaseUrl, PORT: '0', ENVFACE_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'error', ENVFACE_SIMULATOR: 'off' },
    { print: () => undefined, clock: fixedClock(now), webDistDir: FRONTEND_DIST },
  );
  const scoring = app.app.get(ScoringService);
  const messages = messagesOf(STREAM);
  for (let i = 0; i < messages.length; i += 50) await scoring.processBatch(messages.slice(i, i + 50));
  return app;
}
