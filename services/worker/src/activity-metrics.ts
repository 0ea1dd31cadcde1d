import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ActivityObserver } from '@ai-chef/activities';

type AnyActivity = (...args: never[]) => Promise<unknown>;

function outcomeOf(err: unknown): string {
  if (err instanceof CancelledFailure) return 'cancelled';
  if (err instanceof ApplicationFailure) return err.nonRetryable ? 'non_retryable_error' : 'retryable_error';
  return 'error';
}

/**
 * Activity durations by activity and outcome, and what the providers did: recipes by source
 * (claude, offline, offline_fallback) and why the model's was replaced, price lookups by source
 * (naver, cache, estimate) and why.
 */
export function createActivityMetrics(registry: Registry): {
  instrument<T extends Record<string, AnyActivity>>(activities: T): T;
  observer: ActivityObserver;
} {
  const duration = new Histogram({
    name: 'ai_chef_activity_duration_seconds',
    help: 'Activity execution time by activity and outcome',
    labelNames: ['activity', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const recipes = new Counter({
    name: 'ai_chef_recipes_total',
    help: 'Recipes written, by source (claude, offline, offline_fallback = the model failed)',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: 'ai_chef_recipe_fallback_total',
    help: 'Recipes the built-in engine wrote because the model could not, by reason (model_rejected_request, model_unavailable, model_broke_rules)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const lookups = new Counter({
    name: 'ai_chef_price_lookups_total',
    help: 'Ingredient price lookups by source (naver, cache, estimate) and the reason for an estimate',
    labelNames: ['source', 'reason'] as const,
    registers: [registry],
  });

  return {
    instrument(activities) {
      const wrapped: Record<string, AnyActivity> = {};
      for (const [name, activity] of Object.entries(activities)) {
        wrapped[name] = async (...args) => {
          const end = duration.startTimer({ activity: name });
          try {
            const result = await activity(...args);
            end({ outcome: 'ok' });
            return result;
          } catch (err) {
            end({ outcome: outcomeOf(err) });
            throw err;
          }
        };
      }
      return wrapped as typeof activities;
    },
    observer: {
      recipeWritten: (source, fallbackReason) => {
        recipes.inc({ source });
        if (fallbackReason !== undefined) fallbacks.inc({ reason: fallbackReason });
      },
      priceLookedUp: (event) => lookups.inc({ source: event.source, reason: event.reason ?? 'none' }),
    },
  };
}
