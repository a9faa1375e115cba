import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A running Kafka-protocol broker for the test run. */
export interface KafkaBroker {
  brokers: string[];
  /** host:port of the kafka-mock control port (topic creation); null for an external cluster. */
  control: string | null;
  stop(): Promise<void>;
}

const MOCK_DIR = join(__dirname, '..', 'kafka-mock');
const STARTUP_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

export function useExternalKafka(brokers: string[]): KafkaBroker {
  return { brokers, control: null, stop: async () => undefined };
}

/** Builds (if the source changed) and starts tests/kafka-mock; resolves once it printed its addresses. */
export async function startKafkaMock(): Promise<KafkaBroker> {
  await promisify(execFile)('bash', [join(MOCK_DIR, 'build.sh')]);
  const child = spawn(join(MOCK_DIR, 'build', 'kafka-mock'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const [bootstraps, control] = await readStartupLines(child, () => stderr);
  // Keep draining stdout: a full pipe would block the helper when it answers stdin commands.
  child.stdout.resume();
  return {
    brokers: bootstraps.split(',').map((b) => b.trim()),
    control,
    stop: () => stopChild(child),
  };
}

function readStartupLines(
  child: ChildProcessWithoutNullStreams,
  stderr: () => string,
): Promise<[string, string]> {
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`kafka-mock ${reason}\n${stderr()}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), STARTUP_TIMEOUT_MS);
    child.once('error', (error) => fail(`could not run: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout.setEncoding('utf8').on('data', function onData(chunk: string) {
      out += chunk;
      const lines = out.split('\n');
      if (lines.length < 3) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.off('data', onData);
      const control = /^control (\S+)$/.exec(lines[1].trim());
      if (!lines[0].trim() || !control) {
        fail(`printed unexpected output: ${JSON.stringify(out)}`);
        return;
      }
      resolve([lines[0].trim(), control[1]]);
    });
  });
}

/** Closing stdin is the helper's normal shutdown; SIGKILL only if it hangs. */
function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end();
  });
}
