import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { REQUEST_ID_HEADER } from '@ai-chef/contracts';
import { runInCallContext } from '@ai-chef/platform';
import type { Tracing } from '@ai-chef/platform/tracing';

const require = createRequire(import.meta.url);

/**
 * The workflow interceptors built into the workflow bundle: the request id handed to each activity
 * (ours) and the workflow's spans (Temporal's). Neither adds a command, so histories replay alike.
 */
export function workflowInterceptorModules(): string[] {
  return [
    require.resolve('@ai-chef/workflows/call-context-interceptors'),
    require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
  ];
}

/**
 * Each activity runs as the request that started its run, with its run id, name and attempt: the
 * session-service client sends them along (SessionServiceClient), so that service's log lines say
 * which activity attempt wrote what. Runs started without the header get a fresh request id.
 */
const callContext: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute(input, next) {
      const header = input.headers[REQUEST_ID_HEADER];
      const requestId = header ? defaultPayloadConverter.fromPayload<string>(header) : randomUUID();
      return runInCallContext(
        {
          requestId,
          ...(ctx.info.workflowExecution ? { runId: ctx.info.workflowExecution.runId } : {}),
          activity: ctx.info.activityType,
          attempt: ctx.info.attempt,
        },
        () => next(input),
      );
    },
  },
});

/** The span of an activity attempt (a child of the workflow's StartActivity span), then the call context. */
export function activityInterceptors(): ActivityInterceptorsFactory[] {
  return [
    (ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }),
    callContext,
  ];
}

/** Where the workflow's spans go: the service's span processor, or nowhere while tracing is off. */
export function workflowSinks(tracing: Tracing | undefined): InjectedSinks<OpenTelemetrySinks> {
  return {
    exporter: tracing ? makeWorkflowExporter(tracing.spanProcessor, tracing.resource) : { export: { fn: () => undefined } },
  };
}
