import { Gauge, type Registry } from 'prom-client';
import type { Collection } from 'mongodb';
import type { SessionDocument } from './session-repository.js';

/** A run writes progress every few seconds; one silent this long is stuck (runbook: a stuck session). */
export const STUCK_AFTER_MS = 5 * 60_000;

/**
 * Sessions still `processing` whose last change is older than STUCK_AFTER_MS, counted at each
 * scrape (every replica reports the same number: alert on `max`). A database that does not answer
 * leaves the gauge out of that scrape rather than failing it.
 */
export function registerStuckSessionsGauge(registry: Registry, sessions: Collection<SessionDocument>, now: () => number = Date.now): void {
  new Gauge({
    name: 'ai_chef_sessions_stuck_processing',
    help: `Sessions still processing with no progress for ${STUCK_AFTER_MS / 60_000} minutes`,
    registers: [registry],
    async collect() {
      try {
        const cutoff = new Date(now() - STUCK_AFTER_MS);
        this.set(await sessions.countDocuments({ status: 'processing', updatedAt: { $lt: cutoff } }, { maxTimeMS: 2000 }));
      } catch {
        this.reset();
      }
    },
  });
}
