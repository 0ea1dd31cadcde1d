import type { Logger } from 'pino';
import { ConfigError } from './config.js';

export interface StopOptions {
  /**
   * How long readiness reports "draining" before the server stops taking requests, so load
   * balancers (Kubernetes endpoints) stop sending new ones first.
   */
  drainMs?: number;
}

export interface StoppableService {
  /** Stop taking work, finish what is under way, release connections. */
  stop(options?: StopOptions): Promise<void>;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a service's start function as a process: a bad configuration stops it with a message that
 * names the variable, SIGTERM/SIGINT stop it gracefully within `graceMs`.
 */
export function runAsProcess(
  name: string,
  start: () => Promise<{ service: StoppableService; logger: Logger }>,
  {
    graceMs = 30_000,
    drainMs = 2_000,
    afterStop,
  }: { graceMs?: number; drainMs?: number; /** e.g. send the last spans */ afterStop?: () => Promise<void> } = {},
): void {
  start()
    .then(({ service, logger }) => {
      let stopping = false;
      const shutdown = (signal: string): void => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, `${name} stopping`);
        const force = setTimeout(() => {
          logger.error(`${name} did not stop within ${graceMs} ms; exiting`);
          process.exit(1);
        }, graceMs);
        force.unref();
        service
          .stop({ drainMs })
          .then(() => afterStop?.())
          .then(() => {
            logger.info(`${name} stopped`);
            process.exit(0);
          })
          .catch((err: unknown) => {
            logger.error({ err }, `${name} failed to stop cleanly`);
            process.exit(1);
          });
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    })
    .catch((err: unknown) => {
      if (err instanceof ConfigError) {
        console.error(`${name}: ${err.message}`);
      } else {
        console.error(`${name} failed to start:`, err);
      }
      process.exit(1);
    });
}
