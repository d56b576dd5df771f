# One image for every service: SERVICE picks what it runs (a subgraph, its worker, or the gateway).
#   docker build -t grassroots-graph .
#   docker run -e SERVICE=grid -e ENTRY=worker grassroots-graph
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages ./packages
COPY services ./services
COPY gateway ./gateway
RUN npm ci --omit=dev --include-workspace-root && npm install --no-save tsx@4 && npm cache clean --force
USER node
# ENTRY is "index" (the subgraph API, or the gateway) or "worker" (the service's BullMQ worker).
ENV SERVICE=gateway ENTRY=index
CMD ["sh", "-c", "if [ \"$SERVICE\" = gateway ]; then exec node --import tsx gateway/src/index.ts; else exec node --import tsx services/$SERVICE/src/$ENTRY.ts; fi"]
