import { Counter, type Registry } from 'prom-client';
import type { SessionStatus, Target } from '@ai-chef/contracts';

export interface RunMetrics {
  started(target: Target): void;
  ended(target: Target, status: Extract<SessionStatus, 'completed' | 'failed' | 'cancelled'>): void;
}

/** Runs by target and outcome, counted where runs start and end: in the session service. */
export function createRunMetrics(registry: Registry): RunMetrics {
  const started = new Counter({
    name: 'ai_chef_runs_started_total',
    help: 'Recipe runs started, by target',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const ended = new Counter({
    name: 'ai_chef_runs_ended_total',
    help: 'Recipe runs ended, by target and status (completed, failed, cancelled)',
    labelNames: ['target', 'status'] as const,
    registers: [registry],
  });
  return {
    started: (target) => started.inc({ target }),
    ended: (target, status) => ended.inc({ target, status }),
  };
}
