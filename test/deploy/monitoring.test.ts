import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { Registry } from 'prom-client';
import { stringify } from 'yaml';
import { createServiceMetrics } from '@ai-chef/platform';
import { createRunMetrics } from '../../services/session/src/run-metrics.js';
import { registerStuckSessionsGauge } from '../../services/session/src/stuck-sessions-metric.js';
import { createActivityMetrics } from '../../services/worker/src/activity-metrics.js';

// The alert rules and the dashboard, checked as Prometheus would: promtool (built by `npm test`
// into .tools) checks the rules, runs their unit tests, and parses every dashboard query; and every
// metric they name is one the services export.

const root = fileURLToPath(new URL('../../', import.meta.url));
const promtool = join(root, '.tools', 'promtool', 'bin', 'promtool');
const rulesDir = join(root, 'monitoring', 'prometheus');
const dashboard = JSON.parse(readFileSync(join(root, 'monitoring', 'grafana', 'ai-chef-dashboard.json'), 'utf8')) as {
  uid: string;
  panels: { id: number; type: string; title: string; gridPos: unknown; datasource?: { uid: string }; targets?: { expr: string; refId: string }[] }[];
};
const rulesText = readFileSync(join(rulesDir, 'ai-chef-alerts.yaml'), 'utf8');

function promtoolRun(args: string[], cwd = root): string {
  if (!existsSync(promtool)) throw new Error(`promtool is missing at ${promtool}: \`npm test\` builds it (scripts/infra/promtool.mjs)`);
  return execFileSync(promtool, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
}

/** Every metric the services register, by name (histograms add _bucket, _sum, _count). */
function exportedProductMetrics(): Set<string> {
  const service = createServiceMetrics('any');
  createRunMetrics(service.registry);
  registerStuckSessionsGauge(service.registry, {} as Parameters<typeof registerStuckSessionsGauge>[1]);
  createActivityMetrics(service.registry);
  const names = new Set<string>();
  for (const metric of (service.registry as Registry).getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

/**
 * The Temporal SDK's worker metrics these files use (core's Prometheus names: counters without
 * _total, durations in ms); test/integration/tracing.test.ts scrapes a real worker for the ones a
 * successful run produces.
 */
const SDK_METRICS = new Set(
  [
    'temporal_workflow_completed',
    'temporal_workflow_failed',
    'temporal_workflow_canceled',
    'temporal_workflow_task_execution_failed',
    'temporal_activity_execution_failed',
    'temporal_request_failure',
    'temporal_long_request_failure',
    'temporal_worker_task_slots_available',
    'temporal_worker_task_slots_used',
    'temporal_sticky_cache_size',
    'temporal_num_pollers',
  ].concat(
    ['workflow_task_schedule_to_start_latency', 'activity_schedule_to_start_latency', 'activity_execution_latency', 'workflow_task_execution_latency'].map(
      (name) => `temporal_${name}_bucket`,
    ),
  ),
);

function metricNamesIn(text: string): string[] {
  return [...new Set(text.match(/\b(?:ai_chef|http_request|temporal|process|nodejs)_[a-z0-9_]+\b/g) ?? [])];
}

describe('Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    expect(promtoolRun(['check', 'rules', join(rulesDir, 'ai-chef-alerts.yaml')])).toContain('SUCCESS: 9 rules found');
  });

  it('fire and stay quiet as their unit tests say (promtool test rules)', () => {
    expect(promtoolRun(['test', 'rules', 'ai-chef-alerts.test.yaml'], rulesDir)).toContain('SUCCESS');
  });

  it('when a rule is broken, then promtool refuses it (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'broken.yaml'), rulesText.replace('> 0.1', '> > 0.1'));
    expect(() => promtoolRun(['check', 'rules', join(dir, 'broken.yaml')])).toThrow(/parse error/);
  });

  it('name only metrics the services export, and a runbook that exists for each alert', () => {
    const known = exportedProductMetrics();
    const rules = rulesText.replace(/^\s*#.*$/gm, '');
    expect(metricNamesIn(rules).filter((name) => !known.has(name) && !SDK_METRICS.has(name))).toEqual([]);
    for (const runbook of rulesText.match(/docs\/runbooks\/[a-z-]+\.md/g) ?? []) expect(existsSync(join(root, runbook))).toBe(true);
    expect(rulesText.match(/runbook:/g)?.length).toBe(9);
  });
});

describe('Grafana dashboard', () => {
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
  const exprs = panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));

  it('has unique panel ids, a place for each panel and the Prometheus data source variable on every query', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of panels) {
      expect(panel.gridPos).toBeDefined();
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('has product, SDK and HTTP panels, and every query parses as PromQL (promtool)', () => {
    const rows = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(rows).toEqual(['Product', 'Temporal SDK (worker)', 'HTTP']);
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    // Each query as a recording rule: promtool parses it as Prometheus would ($__rate_interval as Grafana sets it).
    const rules = exprs.map(({ expr }, i) => ({ record: `dashboard:query_${i}`, expr: expr.replaceAll('$__rate_interval', '1m') }));
    writeFileSync(join(dir, 'queries.yaml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
    expect(promtoolRun(['check', 'rules', join(dir, 'queries.yaml')])).toContain(`SUCCESS: ${exprs.length} rules found`);
  });

  it('queries only metrics the services export', () => {
    const known = exportedProductMetrics();
    const unknown = exprs.flatMap(({ expr }) => metricNamesIn(expr)).filter((name) => !known.has(name) && !SDK_METRICS.has(name));
    expect(unknown).toEqual([]);
  });
});
