# syntax=docker/dockerfile:1
# Build stage: full workspace install (dev dependencies needed for tsc and vite), then prune.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY streams/package.json streams/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tests/package.json tests/
# --ignore-scripts: the root "prepare" would build before the sources are copied.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY streams streams
COPY backend backend
COPY frontend frontend
COPY migrations migrations
# The benchmarks are type-checked by the build (tsc -b streams backend bench); the runtime image leaves them out.
COPY bench bench
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts

# Runtime stage: only built output, production dependencies and the SQL migrations.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    ENVFACE_DATA_DIR=/var/lib/envface
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/streams/package.json streams/
COPY --from=build /app/streams/dist streams/dist
COPY --from=build /app/backend/package.json backend/
COPY --from=build /app/backend/dist backend/dist
COPY --from=build /app/frontend/dist frontend/dist
COPY --from=build /app/migrations migrations
RUN mkdir -p /var/lib/envface && chown node:node /var/lib/envface
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "backend/dist/main.js"]
