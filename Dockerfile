# syntax=docker/dockerfile:1
# Sama Yoon: a static Go binary on distroless (CA certificates, tzdata, non-root user, no shell).
# The same build command is exercised without Docker by scripts/build-static.sh.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /samayoon . \
 && /samayoon catalog check catalog/catalog.yaml

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /samayoon /samayoon
# The catalog is baked in; mount a directory over /app/catalog to serve staff edits without a rebuild.
COPY --from=build --chown=65532:65532 /src/catalog/catalog.yaml /app/catalog/catalog.yaml
ENV HTTP_ADDR=:8080 \
    CATALOG_FILE=/app/catalog/catalog.yaml \
    LOG_FORMAT=json
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/samayoon", "healthcheck"]
ENTRYPOINT ["/samayoon"]
