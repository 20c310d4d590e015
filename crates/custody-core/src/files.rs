//! Files on disk as a program built on this crate needs them: key files, bounded reads,
//! outputs that appear whole or not at all, and the clean-up of interrupted commands.
//!
//! The functions here are the public face of the crate's file handling (the `custody` tool
//! uses them for everything it reads and writes itself); how outputs are staged, flushed and
//! tracked stays inside the crate.
//!
//! Interruption: a program that handles SIGINT or SIGTERM calls [`stop_for_interrupt`] (on a
//! thread, not in the signal handler) before it exits: it waits for an update in place to
//! finish, removes every temporary file and folder the crate created, and says what had
//! already been written. [`interrupted`] tells an error met meanwhile from a real one.

pub use crate::fsutil::{
    Interrupted, Secret, StaleTemp, TEMP_SUFFIX, interrupted, key_elsewhere, load_keypair, load_keypair_asking,
    load_keypair_with, load_public_key, read_limited, read_limited_as, read_secret_file, remove_stale_temps,
    stop_for_interrupt, write_age_identity, write_atomic, write_keypair,
};
