# custody in a small image, run as a non-root user. Build from the repository root:
#   docker build -t custody .
#   docker run --rm -v "$PWD:/work" custody verify /work/case.zip
# The build stage needs the crates.io registry; the runtime image holds only the binary
# (tools/release.sh's `dist` profile) and CA certificates (for https TSAs).
FROM docker.io/library/rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --locked --profile dist -p custody-cli

FROM docker.io/library/debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 custody
COPY --from=build /src/target/dist/custody /usr/local/bin/custody
USER custody
WORKDIR /work
ENTRYPOINT ["custody"]
CMD ["--help"]
