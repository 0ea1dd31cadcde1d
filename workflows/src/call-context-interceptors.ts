// Workflow interceptors bundled with the workflow (services/worker workflow-bundle.ts). They add
// headers to the commands the workflow sends and never a command of their own, so histories
// recorded before or after them replay alike.
import type { Payload } from '@temporalio/common';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { REQUEST_ID_HEADER } from '@ai-chef/contracts/workflow';

/** The request id that started the run travels on to every activity it schedules. */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let requestId: Payload | undefined;
  return {
    inbound: [
      {
        execute(input, next) {
          requestId = input.headers[REQUEST_ID_HEADER];
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity(input, next) {
          return next(requestId ? { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: requestId } } : input);
        },
      },
    ],
  };
};
