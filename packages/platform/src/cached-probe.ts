/**
 * A readiness probe answered from a short cache: calls within `ttlMs` of the last answer get that
 * answer, and calls while a check runs wait for it. Probes from load balancers and clients then
 * cost the dependencies one check per `ttlMs`, however often they come.
 */
export function cachedProbe<T>(
  check: () => Promise<T>,
  ttlMs: number,
  now: () => number = Date.now,
): () => Promise<T> {
  let answer: { value: T; at: number } | undefined;
  let running: Promise<T> | undefined;
  return () => {
    if (answer && now() - answer.at < ttlMs) return Promise.resolve(answer.value);
    running ??= check()
      .then((value) => {
        answer = { value, at: now() };
        return value;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}
