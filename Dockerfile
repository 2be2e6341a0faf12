# syntax=docker/dockerfile:1
# One image for both processes:
#   API:    docker run ... climathon                                    (CMD below, port 3000)
#   worker: docker run ... climathon node dist/apps/worker/src/main.js  (health on WORKER_PORT, 3001)
#   ops:    docker run ... climathon node dist/scripts/migrate.js | node dist/scripts/create-admin.js <email> <password>
# Native modules (argon2, msgpackr-extract) ship prebuilt glibc binaries for linux x64/arm64: no build tools needed.
# Run with an init (docker run --init / compose `init: true`) so signals reach Node and zombies are reaped.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, for the TypeScript build
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: compile to dist/
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
# apps/ includes the web client (apps/web): `npm run build` bundles it into dist/web, which the API serves at /.
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
RUN npm run build

# ---- prod-deps: production dependencies only
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only to the app user: the processes write nothing to disk.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json carries "type": "module", which Node needs to load dist/ as ESM.
COPY package.json ./
# The `node` user (uid 1000) of the official image.
USER node
EXPOSE 3000 3001
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
