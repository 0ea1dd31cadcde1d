import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';

// The deployment files, checked offline: every Kubernetes object against the API schemas
// (kubernetes-models), the kustomization's wiring, and the compose file's shape. `docker compose
// config` runs too where the compose plugin exists.

const root = fileURLToPath(new URL('../../', import.meta.url));
const base = join(root, 'k8s', 'base');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

const kustomization = parse(readFileSync(join(base, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  images: { name: string }[];
};
const files = readdirSync(base).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
const manifests = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(base, file), 'utf8')).map((doc) => ({ file, manifest: doc.toJS() as Manifest })),
);
const inBase = manifests.filter(({ file }) => kustomization.resources.includes(file)).map(({ manifest }) => manifest);
const ofKind = (kind: string) => inBase.filter((manifest) => manifest.kind === kind);

describe('k8s/base', () => {
  it.each(manifests.map(({ file, manifest }) => [`${file}: ${manifest.kind} ${manifest.metadata.name}`, manifest] as const))(
    '%s is valid against the Kubernetes schema',
    (_name, manifest) => {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model).toBeDefined();
      expect(() => new (Model as new (data: Manifest) => { validate(): void })(manifest).validate()).not.toThrow();
    },
  );

  it('lists every manifest but the Secret template in the kustomization', () => {
    expect([...kustomization.resources].sort()).toEqual(files.filter((file) => file !== 'secret.example.yaml').sort());
  });

  it('runs the three services with probes, resources and images the kustomization can set', () => {
    const deployments = ofKind('Deployment') as unknown as {
      metadata: { name: string };
      spec: { template: { spec: { containers: { image: string; readinessProbe?: unknown; livenessProbe?: unknown; resources?: { requests?: unknown; limits?: unknown } }[] } } };
    }[];
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['ai-chef-gateway', 'ai-chef-session', 'ai-chef-worker']);
    const images = kustomization.images.map((image) => image.name);
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container?.readinessProbe).toBeDefined();
      expect(container?.livenessProbe).toBeDefined();
      expect(container?.resources?.requests).toBeDefined();
      expect(container?.resources?.limits).toBeDefined();
      expect(images).toContain(container?.image);
    }
  });

  it('points autoscalers, disruption budgets and services at deployments that exist', () => {
    const names = new Set(ofKind('Deployment').map((d) => d.metadata.name));
    const hpaTargets = ofKind('HorizontalPodAutoscaler').map((h) => (h as unknown as { spec: { scaleTargetRef: { name: string } } }).spec.scaleTargetRef.name);
    expect(hpaTargets.sort()).toEqual(['ai-chef-gateway', 'ai-chef-worker']);
    for (const target of hpaTargets) expect(names).toContain(target);
    const labels = ofKind('Deployment').map(
      (d) => (d as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels,
    );
    const selects = (selector: Record<string, string>) =>
      labels.some((l) => Object.entries(selector).every(([key, value]) => l[key] === value));
    for (const pdb of ofKind('PodDisruptionBudget')) {
      expect(selects((pdb as unknown as { spec: { selector: { matchLabels: Record<string, string> } } }).spec.selector.matchLabels)).toBe(true);
    }
    for (const service of ofKind('Service').filter((s) => (s as unknown as { spec: { type?: string } }).spec.type !== 'ExternalName')) {
      expect(selects((service as unknown as { spec: { selector: Record<string, string> } }).spec.selector)).toBe(true);
    }
  });

  it('keeps secrets out of the ConfigMap', () => {
    const data = (ofKind('ConfigMap')[0] as unknown as { data: Record<string, string> }).data;
    for (const key of ['ANTHROPIC_API_KEY', 'NAVER_CLIENT_SECRET', 'ADMIN_TOKEN']) expect(data).not.toHaveProperty(key);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { build?: { target: string }; healthcheck?: unknown; environment?: Record<string, string> }>;
  };
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('runs MongoDB 7 with a health check, Temporal with its database and UI, and the three services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['mongo', 'temporal-db', 'temporal', 'temporal-ui', 'gateway', 'session', 'worker']),
    );
    expect(compose.services.mongo?.healthcheck).toBeDefined();
    for (const service of ['gateway', 'session', 'worker']) {
      const target = compose.services[service]?.build?.target;
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${target}$`, 'm'));
    }
  });

  it('gives Temporal the dynamic config that turns on eager activity dispatch', () => {
    const temporal = compose.services.temporal as { environment: Record<string, string>; volumes: string[] };
    const [source, target] = (temporal.volumes.find((volume) => volume.includes('dynamicconfig')) ?? '').split(':');
    expect(target).toBe(temporal.environment.DYNAMIC_CONFIG_FILE_PATH);
    const config = parse(readFileSync(join(root, source ?? ''), 'utf8')) as Record<string, Array<{ value: unknown }>>;
    expect(config['system.enableActivityEagerExecution']).toEqual([{ value: true }]);
  });

  it('has no default secrets', () => {
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).toMatch(/\$\{TEMPORAL_DB_PASSWORD:\?/);
    expect(text).not.toMatch(/PASSWORD:\s*['"]?[A-Za-z0-9]{3,}/);
  });

  it('passes `docker compose config` where the compose plugin exists', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('docker compose config: skipped, the docker compose plugin is not installed here');
      return;
    }
    const output = execFileSync('docker', ['compose', '--env-file', '.env.example', 'config', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TEMPORAL_DB_PASSWORD: 'only-for-config-check' },
    });
    expect(output).toBe('');
  });
});
