# The app image for docker-compose.yml (Neo4j runs in its own container).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --config client/vite.config.ts --logLevel warn
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["node", "bin/claimgraph.js", "start"]
