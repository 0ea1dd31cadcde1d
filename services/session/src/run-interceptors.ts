import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { REQUEST_ID_HEADER } from '@ai-chef/contracts';
import { currentRequestId } from '@ai-chef/platform';

/** The request that starts a run names it in the run's headers; the workflow hands it to each activity. */
const requestIdInterceptor: WorkflowClientInterceptor = {
  async start(input, next) {
    const requestId = currentRequestId();
    if (!requestId) return next(input);
    return next({ ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } });
  },
};

/**
 * The interceptors of the session service's Temporal client: the request id, and the trace
 * context (a span per start, cancel and query; a no-op while tracing is off).
 */
export function runClientInterceptors(): WorkflowClientInterceptor[] {
  return [requestIdInterceptor, new OpenTelemetryWorkflowClientInterceptor()];
}
