import { ConfigError } from './platform/config/app-config';
import { startApp } from './platform/bootstrap/start-app';

startApp(process.env, { shutdownHooks: true }).catch((error: unknown) => {
  // Configuration mistakes get a plain message (naming every bad variable), not a stack trace.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`EnvFace failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
