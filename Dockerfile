# custody in a small image, run as a non-root user. Build from the repository root:
#   docker build -t custody .
#   docker run --rm -v "$PWD:/work" custody verify /work/case.zip
# The build stage needs the crates.io registry; the runtime image holds only the binary
# (tools/release.sh's `dist` profile) and CA certificates (for https TSAs).
#
# CI builds this file with buildah (tests/container.sh): no image registry is reachable there,
# so BUILDER and BASE name a Debian 12 base made with debootstrap, and a custody binary already
# built for Debian 12 is put in prebuilt/ (git-ignored) instead of compiling a second time.
# Everything else (the runtime stage, the user, the entry point) is what `docker build` makes.
ARG BUILDER=docker.io/library/rust:1.95-slim-bookworm
ARG BASE=docker.io/library/debian:bookworm-slim

FROM ${BUILDER} AS build
WORKDIR /src
COPY . .
RUN if [ -x prebuilt/custody ]; then mkdir -p target/dist && cp prebuilt/custody target/dist/custody; \
    else cargo build --locked --profile dist -p custody-cli; fi

FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 custody
COPY --from=build /src/target/dist/custody /usr/local/bin/custody
USER custody
WORKDIR /work
ENTRYPOINT ["custody"]
CMD ["--help"]
