import { takeHarnessServices } from './global-setup';

/** Stops what global-setup started; external services are left alone. */
export async function stopHarness(): Promise<void> {
  const services = takeHarnessServices();
  if (!services) return;
  const results = await Promise.allSettled([services.kafka.stop(), services.postgres.stop()]);
  const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
  if (failures.length > 0) throw new Error(`integration harness failed to stop:\n${failures.join('\n')}`);
}

// jest requires the hook as the module's default export (the one exception to named exports).
export default stopHarness;
