// OpenTelemetry for the three services, loaded before anything it instruments (each main.ts
// imports this first and the service after it). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
//
// Why the 1.x tracer SDK: @temporalio/interceptors-opentelemetry 1.x builds the workflow's spans
// as 1.x ReadableSpans and hands them to our span processor; the 1.x SDK and its OTLP exporter
// read them whole (parent ids included). The instrumentations speak only to @opentelemetry/api,
// so they can be the current ones (mongodb 7 support).
import { createRequire } from 'node:module';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource, detectResourcesSync, envDetectorSync, processDetectorSync, hostDetectorSync } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ConfigError } from './config.js';

export interface Tracing {
  /** The worker hands the workflow's spans (made inside Temporal's sandbox) to the same processor. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Sends what is still buffered; call when the service has stopped. */
  shutdown(): Promise<void>;
}

/** Requests no one needs a trace of: probes and scrapes. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function exporterFor(env: Record<string, string | undefined>) {
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf';
  if (protocol === 'http/protobuf') return new OtlpProtobufExporter();
  if (protocol === 'http/json') return new OtlpJsonExporter();
  throw new ConfigError(`Invalid configuration:\n  OTEL_EXPORTER_OTLP_PROTOCOL: ${protocol} is not supported; use http/protobuf or http/json`);
}

/**
 * Starts tracing for `service` when OTEL_EXPORTER_OTLP_ENDPOINT is set (and OTEL_SDK_DISABLED is
 * not `true`); the SDK reads its other standard OTEL_* variables itself (service name and resource
 * attributes, sampler, batch sizes, exporter headers and timeout, propagators). Spans: HTTP in and
 * out (node:http, got), undici (the session-service client, fetch of the model's SDK), MongoDB.
 */
export function startTracing(service: string, env: Record<string, string | undefined> = process.env): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_SDK_DISABLED === 'true') return undefined;
  const resource = new Resource({ 'service.name': `ai-chef-${service}`, 'service.namespace': 'ai-chef' }).merge(
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults above.
    detectResourcesSync({ detectors: [processDetectorSync, hostDetectorSync, envDetectorSync] }),
  );
  const spanProcessor = new BatchSpanProcessor(exporterFor(env));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?', 1)[0] ?? ''),
        // Outgoing calls with no request behind them (timers, sweeps) start no trace of their own.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new MongoDBInstrumentation({ requireParentSpan: true }),
    ],
  });
  // node:http(s) is patched when it is required; an ES module import of it does not pass that hook,
  // so require it once here, before express and got take their references.
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');
  return {
    spanProcessor,
    resource,
    shutdown: () => provider.shutdown(),
  };
}
