# One image build for the three services (gateway, session, worker): pick one with --target.
# Node 24 LTS, pinned to a release; CI also runs the type check and tests on it (.ci/run).
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/platform/package.json packages/platform/
COPY packages/kitchen/package.json packages/kitchen/
COPY activities/package.json activities/
COPY workflows/package.json workflows/
COPY services/session/package.json services/session/
COPY services/gateway/package.json services/gateway/
COPY services/worker/package.json services/worker/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY packages packages
COPY activities activities
COPY workflows workflows
COPY services services
# Compiles every package and writes the prebuilt workflow bundle the worker loads.
RUN npm run build && npm prune --omit=dev

FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node

FROM runtime AS gateway
EXPOSE 3000
CMD ["node", "services/gateway/dist/main.js"]

FROM runtime AS session
EXPOSE 3001
CMD ["node", "services/session/dist/main.js"]

FROM runtime AS worker
# 3002: health and product metrics; 9464: the Temporal SDK's metrics (TEMPORAL_METRICS_ADDRESS).
EXPOSE 3002 9464
CMD ["node", "services/worker/dist/main.js"]
