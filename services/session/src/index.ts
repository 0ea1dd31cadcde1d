export { startSessionService, type RunningSessionService } from './server.js';
export { newSessionId } from './session-id.js';
export { createSessionApp, type SessionAppDeps } from './app.js';
export { RunControl } from './run-control.js';
