# Sourced by the benchmark scripts (from the repository root): sets `bin` to
# the absolute path of the cargo-sast binary to measure — $BIN when given,
# else target/release/cargo-sast, built when missing or older than the
# sources.
bin=${BIN:-target/release/cargo-sast}
if [[ -z "${BIN:-}" ]] && { [[ ! -x "$bin" ]] || [[ -n "$(find src lints Cargo.toml Cargo.lock -newer "$bin" -print -quit)" ]]; }; then
    echo "building the release binary..." >&2
    cargo build --release --quiet
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
