# One image recipe for every ChainWatch service: docker build --build-arg MODULE=collector-service .
# (docker-compose.yml builds the four services with it.)
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -DskipTests -Dnpm.skip=true -pl ${MODULE} -am package

FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 chainwatch
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
USER chainwatch
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
