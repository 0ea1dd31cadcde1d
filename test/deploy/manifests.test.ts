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
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { SHUTDOWN_GRACE_MS } from '../../services/worker/src/worker.js';

// The deployment files, checked offline: every Kubernetes object of the base and of each overlay
// (as `kubectl kustomize` renders it) against the API schemas (kubernetes-models, KEDA's and
// Prometheus Operator's), the wiring, the secrets each service gets, and the compose file's shape.
// `docker compose config` runs too where the compose plugin exists.

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
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
};

function validate(manifest: Manifest): void {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion}/${manifest.kind}`);
  new (Model as new (data: Manifest) => { validate(): void })(manifest).validate();
}

interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  envFrom?: { secretRef?: unknown; configMapRef?: { name: string } }[];
}
interface DeploymentLike {
  metadata: { name: string };
  spec: { template: { metadata: { labels: Record<string, string> }; spec: { terminationGracePeriodSeconds?: number; containers: Container[] } } };
}
const containerOf = (deployment: DeploymentLike): Container => {
  const [container] = deployment.spec.template.spec.containers;
  if (!container) throw new Error(`${deployment.metadata.name} has no container`);
  return container;
};
const secretRefs = (deployment: DeploymentLike) =>
  (containerOf(deployment).env ?? []).flatMap((entry) => (entry.valueFrom?.secretKeyRef ? [{ env: entry.name, ...entry.valueFrom.secretKeyRef }] : []));

/** An overlay as kubectl renders it (kustomize is built into kubectl). */
function render(overlay: string): Manifest[] {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error('kubectl is needed to render the overlays (its built-in kustomize): install kubectl');
  const output = execFileSync('kubectl', ['kustomize', join(root, 'k8s', 'overlays', overlay)], { encoding: 'utf8' });
  return parseAllDocuments(output).map((doc) => doc.toJS() as Manifest);
}

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
      expect(() => validate(manifest)).not.toThrow();
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
    expect(hpaTargets).toEqual(['ai-chef-gateway']);
    for (const target of hpaTargets) expect(names).toContain(target);
    // The worker scales on its task queue's backlog (KEDA's Temporal scaler), not on CPU.
    const [scaled] = ofKind('ScaledObject') as unknown as { spec: { scaleTargetRef: { name: string }; triggers: { type: string; metadata: Record<string, string> }[] } }[];
    expect(scaled?.spec.scaleTargetRef.name).toBe('ai-chef-worker');
    expect(scaled?.spec.triggers[0]).toMatchObject({ type: 'temporal', metadata: { taskQueue: 'ai-chef', queueTypes: 'workflow,activity' } });
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
    for (const key of ['ANTHROPIC_API_KEY', 'NAVER_CLIENT_SECRET', 'ADMIN_TOKEN', 'INTERNAL_TOKEN', 'MONGO_URL', 'TEMPORAL_API_KEY']) {
      expect(data).not.toHaveProperty(key);
    }
  });

  it('gives each service only its own secrets, INTERNAL_TOKEN and the database URL required', () => {
    const deployments = ofKind('Deployment') as unknown as DeploymentLike[];
    const allowed: Record<string, string[]> = {
      'ai-chef-gateway': ['ai-chef-gateway-secrets'],
      'ai-chef-session': ['ai-chef-session-secrets', 'ai-chef-temporal-client'],
      'ai-chef-worker': ['ai-chef-worker-secrets', 'ai-chef-temporal-client'],
    };
    for (const deployment of deployments) {
      const refs = secretRefs(deployment);
      expect(containerOf(deployment).envFrom?.some((source) => source.secretRef)).toBe(false);
      for (const ref of refs) expect(allowed[deployment.metadata.name]).toContain(ref.name);
      expect(refs.find((ref) => ref.env === 'INTERNAL_TOKEN')?.optional).toBe(false);
      expect(refs.find((ref) => ref.env === 'MONGO_URL')?.optional).toBe(false);
    }
    const templates = parseAllDocuments(readFileSync(join(base, 'secret.example.yaml'), 'utf8')).map((doc) => doc.toJS() as { metadata: { name: string }; stringData: Record<string, string> });
    for (const deployment of deployments) {
      for (const ref of secretRefs(deployment)) {
        expect(templates.find((template) => template.metadata.name === ref.name)?.stringData).toHaveProperty(ref.key);
      }
    }
  });

  it('declares the worker\'s Temporal SDK metrics port and lets the monitoring namespace scrape every metrics port', () => {
    const worker = (ofKind('Deployment') as unknown as DeploymentLike[]).find((d) => d.metadata.name === 'ai-chef-worker');
    if (!worker) throw new Error('no worker Deployment');
    expect(containerOf(worker).ports).toEqual(expect.arrayContaining([{ name: 'sdk-metrics', containerPort: 9464 }]));
    expect((ofKind('ConfigMap')[0] as unknown as { data: Record<string, string> }).data.TEMPORAL_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    type Policy = { metadata: { name: string }; spec: { policyTypes: string[]; ingress: { from?: { namespaceSelector?: { matchLabels: Record<string, string> } }[]; ports: { port: number }[] }[]; egress?: unknown[] } };
    const policies = ofKind('NetworkPolicy') as unknown as Policy[];
    const scrapePorts = (name: string) =>
      policies
        .find((policy) => policy.metadata.name === name)
        ?.spec.ingress.filter((rule) => rule.from?.some((peer) => peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'monitoring'))
        .flatMap((rule) => rule.ports.map((port) => port.port));
    expect(scrapePorts('ai-chef-worker')).toEqual(expect.arrayContaining([3002, 9464]));
    expect(scrapePorts('ai-chef-session')).toEqual([3001]);
    for (const policy of policies) expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('lets a stopping worker finish its longest activity attempt', () => {
    const worker = (ofKind('Deployment') as unknown as DeploymentLike[]).find((d) => d.metadata.name === 'ai-chef-worker');
    // generateRecipe may run 120 s (start-to-close); the worker waits SHUTDOWN_GRACE_MS for it, Kubernetes longer.
    expect(SHUTDOWN_GRACE_MS).toBeGreaterThan(120_000);
    expect((worker?.spec.template.spec.terminationGracePeriodSeconds ?? 0) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
  });
});

describe.each(['dev', 'prod'])('k8s/overlays/%s', (overlay) => {
  const rendered = render(overlay);
  const deployments = rendered.filter((m) => m.kind === 'Deployment') as unknown as DeploymentLike[];

  it('renders objects that are all valid against their schemas', () => {
    expect(rendered.length).toBeGreaterThan(10);
    for (const manifest of rendered) expect(() => validate(manifest)).not.toThrow();
  });

  it('pins every image by digest', () => {
    for (const deployment of deployments) expect(containerOf(deployment).image).toMatch(/^ghcr\.io\/example\/ai-chef-[a-z]+@sha256:[0-9a-f]{64}$/);
  });

  if (overlay === 'dev') {
    it('runs one replica of each, without KEDA', () => {
      for (const deployment of deployments) expect((deployment.spec as unknown as { replicas: number }).replicas).toBe(1);
      expect(rendered.filter((m) => m.kind === 'ScaledObject' || m.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    });
  } else {
    it('requires every feature\'s secret, connects to Temporal Cloud with an API key, traces, and scrapes both worker ports', () => {
      const required = (name: string) => secretRefs(deployments.find((d) => d.metadata.name === name) as DeploymentLike).filter((ref) => ref.optional === false).map((ref) => ref.env);
      expect(required('ai-chef-worker').sort()).toEqual(['ANTHROPIC_API_KEY', 'INTERNAL_TOKEN', 'MONGO_URL', 'NAVER_CLIENT_ID', 'NAVER_CLIENT_SECRET', 'TEMPORAL_API_KEY']);
      expect(required('ai-chef-session').sort()).toEqual(['INTERNAL_TOKEN', 'MONGO_URL', 'TEMPORAL_API_KEY']);
      expect(required('ai-chef-gateway').sort()).toEqual(['ADMIN_TOKEN', 'INTERNAL_TOKEN', 'MONGO_URL']);
      const config = (rendered.find((m) => m.kind === 'ConfigMap') as unknown as { data: Record<string, string> }).data;
      expect(config.TEMPORAL_ADDRESS).toMatch(/\.tmprl\.cloud:7233$/);
      expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/^http:\/\/.+:4318$/);
      const scaled = rendered.find((m) => m.kind === 'ScaledObject') as unknown as { spec: { triggers: { metadata: Record<string, string>; authenticationRef: { name: string } }[] } };
      expect(scaled.spec.triggers[0]?.metadata.endpoint).toBe(config.TEMPORAL_ADDRESS);
      expect(rendered.find((m) => m.kind === 'TriggerAuthentication')?.metadata.name).toBe(scaled.spec.triggers[0]?.authenticationRef.name);
      const monitor = rendered.find((m) => m.kind === 'PodMonitor') as unknown as { spec: { podMetricsEndpoints: { port: string }[] } };
      expect(monitor.spec.podMetricsEndpoints.map((endpoint) => endpoint.port).sort()).toEqual(['http', 'sdk-metrics']);
    });
  }
});

describe('docker-compose.yml', () => {
  type ComposeService = {
    image?: string;
    build?: { target: string };
    healthcheck?: unknown;
    environment?: Record<string, string>;
    networks?: string[];
    command?: string[] | string;
    entrypoint?: string[];
    depends_on?: Record<string, { condition: string }> | string[];
    stop_grace_period?: string;
    volumes?: string[];
    ports?: string[];
  };
  const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService>; networks: Record<string, { internal?: boolean }> };
  const service = (name: string): ComposeService => {
    const found = compose.services[name];
    if (!found) throw new Error(`no ${name} service`);
    return found;
  };
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('runs MongoDB 7 with a health check, Temporal server with its database, jobs and UI, and the three services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['mongo', 'temporal-db', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'gateway', 'session', 'worker']),
    );
    expect(service('mongo').healthcheck).toBeDefined();
    expect(service('temporal').image).toMatch(/^temporalio\/server:/);
    for (const name of ['gateway', 'session', 'worker']) {
      const target = service(name).build?.target;
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${target}$`, 'm'));
    }
  });

  it('pins every image to a release, and builds on Node 24 LTS', () => {
    for (const [name, entry] of Object.entries(compose.services)) {
      if (entry.build) continue;
      expect([name, entry.image]).toEqual([name, expect.stringMatching(/:\d+\.\d+(\.\d+)?$/)]);
    }
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]).filter((image) => image?.startsWith('node:'));
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) expect(image).toMatch(/^node:24\.\d+\.\d+-/);
  });

  it('sets up Temporal in jobs that fail on any error, and starts the services only after they succeeded', () => {
    for (const job of ['temporal-schema', 'temporal-setup']) {
      const entry = service(job);
      expect(entry.image).toMatch(/^temporalio\/admin-tools:/);
      expect(entry.entrypoint).toEqual(['sh', '-euc']);
      expect(JSON.stringify(entry.command)).not.toMatch(/\|\|\s*true/);
    }
    expect(JSON.stringify(service('temporal-schema').command)).toContain('update-schema');
    const setup = JSON.stringify(service('temporal-setup').command);
    for (const word of ['namespace create', 'AiChefTarget', 'AiChefStatus', 'search-attribute create']) expect(setup).toContain(word);
    expect(service('temporal').depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    expect(service('session').depends_on).toMatchObject({ 'temporal-setup': { condition: 'service_completed_successfully' } });
  });

  it('keeps MongoDB and the session service on internal networks, MongoDB with authentication, for the three services only', () => {
    expect(compose.networks.data?.internal).toBe(true);
    expect(compose.networks.app?.internal).toBe(true);
    expect(compose.networks.temporal?.internal).toBe(true);
    expect(service('mongo').networks).toEqual(['data']);
    expect(service('session').networks).not.toContain('edge');
    expect(service('session').ports).toBeUndefined();
    expect(service('mongo').command).toContain('--auth');
    for (const name of ['gateway', 'session', 'worker']) expect(service(name).environment?.MONGO_URL).toMatch(/^mongodb:\/\/ai_chef:\$\{MONGO_APP_PASSWORD:\?/);
  });

  it('gives each service the internal token and only its own secrets', () => {
    for (const name of ['gateway', 'session', 'worker']) {
      expect(service(name).environment?.INTERNAL_TOKEN).toMatch(/^\$\{INTERNAL_TOKEN:\?/);
      expect(service(name)).not.toHaveProperty('env_file');
    }
    expect(service('worker').environment).toHaveProperty('ANTHROPIC_API_KEY');
    for (const name of ['gateway', 'session']) expect(service(name).environment).not.toHaveProperty('ANTHROPIC_API_KEY');
    for (const name of ['session', 'worker']) expect(service(name).environment).not.toHaveProperty('ADMIN_TOKEN');
  });

  it('lets a stopping worker finish its longest activity attempt', () => {
    expect(Number.parseInt(service('worker').stop_grace_period ?? '0', 10) * 1000).toBeGreaterThan(SHUTDOWN_GRACE_MS);
  });

  it('gives Temporal the dynamic config that turns on eager activity dispatch', () => {
    const temporal = service('temporal') as { environment: Record<string, string>; volumes: string[] };
    const [source, target] = (temporal.volumes.find((volume) => volume.includes('dynamicconfig')) ?? '').split(':');
    expect(target).toBe(temporal.environment.DYNAMIC_CONFIG_FILE_PATH);
    const config = parse(readFileSync(join(root, source ?? ''), 'utf8')) as Record<string, Array<{ value: unknown }>>;
    expect(config['system.enableActivityEagerExecution']).toEqual([{ value: true }]);
  });

  it('has no default secrets', () => {
    for (const secret of ['TEMPORAL_DB_PASSWORD', 'MONGO_ROOT_PASSWORD', 'MONGO_APP_PASSWORD', 'INTERNAL_TOKEN']) {
      expect(text).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
    }
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
