//! Writes one hostile-size bundle for the benchmark `bench/hostile.sh` (issue #13.4). The
//! shapes are made by `tests/hostile.rs`, shared with the regression tests.
//!
//! Usage: `cargo run --release -p custody-core --example hostile -- SHAPE N OUT.zip`

#[path = "../tests/hostile.rs"]
mod shapes;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(shape), Some(n), Some(out)) =
        (args.get(1), args.get(2).and_then(|n| n.parse::<usize>().ok()), args.get(3))
    else {
        eprintln!("usage: hostile SHAPE N OUT.zip (the shapes: crates/custody-core/tests/hostile.rs)");
        std::process::exit(2);
    };
    let Some(bytes) = shapes::craft(shape, n) else {
        eprintln!("unknown shape {shape}");
        std::process::exit(2);
    };
    std::fs::write(out, bytes).expect("write the bundle");
}
