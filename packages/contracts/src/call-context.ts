/**
 * The Temporal header that carries the request id of the HTTP request that started a run, from
 * the session service's client through the workflow to each activity, so the activities' calls
 * back to the session service log the same request id as the gateway did.
 */
export const REQUEST_ID_HEADER = 'ai-chef-request-id';

/** HTTP headers of a call an activity makes to the session service: whose run, which activity, which attempt. */
export const CALL_CONTEXT_HEADERS = {
  requestId: 'x-request-id',
  runId: 'x-run-id',
  activity: 'x-activity',
  attempt: 'x-activity-attempt',
} as const;
