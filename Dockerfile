# syntax=docker/dockerfile:1
# Sama Yoon: one static Go binary on an empty (scratch) image with CA certificates, the Senegal
# time zone, a non-root user and the catalog; about 24.4 MB. The same build command is exercised
# without Docker by scripts/build-static.sh (see docs/operations.md).

FROM golang:1.26.8-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /samayoon . \
 && /samayoon catalog check catalog/catalog.yaml
RUN echo 'nonroot:x:65532:65532:nonroot:/app:/sbin/nologin' > /passwd \
 && echo 'nonroot:x:65532:' > /group

# scratch rather than distroless/static: the binary alone is ~24 MB (text/template, used by
# go-i18n, stops the linker from dropping unused methods), and distroless's ~2 MB would push
# the image past the 25 MB target. Only what the binary needs is copied.
FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/share/zoneinfo/Africa/Dakar /usr/share/zoneinfo/Africa/Dakar
COPY --from=build /usr/share/zoneinfo/Etc/UTC /usr/share/zoneinfo/UTC
COPY --from=build /passwd /etc/passwd
COPY --from=build /group /etc/group
COPY --from=build /samayoon /samayoon
# The catalog is baked in; compose mounts the catalog directory over /app/catalog for staff edits.
COPY --from=build --chown=65532:65532 /src/catalog/catalog.yaml /app/catalog/catalog.yaml
WORKDIR /app
ENV HTTP_ADDR=:8080 \
    CATALOG_FILE=/app/catalog/catalog.yaml \
    LOG_FORMAT=json \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/samayoon", "healthcheck"]
ENTRYPOINT ["/samayoon"]
