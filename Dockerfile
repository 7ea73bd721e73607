# syntax=docker/dockerfile:1
# Một cửa BPM platform image. Build: docker build -t mot-cua-bpm .
# Runs `node engine/dist/src/main.js`, the same start command the test suite runs natively.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.base.json ./
COPY engine/package.json engine/
COPY test/package.json test/
COPY admin-ui/package.json admin-ui/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY engine engine
COPY admin-ui admin-ui
RUN npm run build -w engine && npm run build -w admin-ui

FROM node:20-bookworm-slim AS runtime
# The document renderer's Chromium (from the npm package @sparticuz/chromium) needs these libraries.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libnss3 libexpat1 \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/var/lib/mot-cua
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY engine/package.json engine/
COPY test/package.json test/
COPY admin-ui/package.json admin-ui/
COPY bench/package.json bench/
RUN npm ci --omit=dev --workspace engine --include-workspace-root --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/engine/dist/src engine/dist/src
COPY engine/migrations engine/migrations
COPY --from=build /app/admin-ui/dist admin-ui/dist
# The shipped procedures, forms and document templates, imported at start when SEED_DEMO_DATA is on.
COPY processes processes
COPY forms forms
COPY templates templates
RUN mkdir -p /var/lib/mot-cua && chown node:node /var/lib/mot-cua
USER node
EXPOSE 3000
VOLUME ["/var/lib/mot-cua"]
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "engine/dist/src/main.js"]
