# One image build for the three services (gateway, session, worker): pick one with --target.
FROM node:20.20-bookworm-slim AS build
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

FROM node:20.20-bookworm-slim AS runtime
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
EXPOSE 3002
CMD ["node", "services/worker/dist/main.js"]
