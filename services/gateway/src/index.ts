export { startGateway, type RunningGateway } from './server.js';
export { createGatewayApp } from './app.js';
