# One image recipe for every ChainWatch service: docker build --build-arg MODULE=collector-service .
# (docker-compose.yml builds the services, the gateway with the web console, and the identity service with it.)
# The web console (served by the gateway) is built with Node here; Maven then packages this dist/ (-Dnpm.skip=true).
FROM node:20-bookworm AS console
WORKDIR /src/console
COPY console/package.json console/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY console/ ./
RUN npm run build

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
COPY --from=console /src/console/dist console/dist
RUN ./mvnw -B -DskipTests -Dnpm.skip=true -pl ${MODULE} -am package

FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 chainwatch
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
USER chainwatch
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
