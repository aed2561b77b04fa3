# The app image for docker compose / production. The embedded FerretDB is not built here:
# in a container the database is MongoDB, given by MONGODB_URI.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
