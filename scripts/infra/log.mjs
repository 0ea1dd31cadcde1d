const started = Date.now();

/** Progress lines of the launcher: `[ai-chef 12.3s] message`. */
export function step(message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[ai-chef ${seconds}s] ${message}`);
}
