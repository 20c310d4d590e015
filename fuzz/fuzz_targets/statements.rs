//! Statements and statement packages (spec §5.7): any bytes either parse or are refused with
//! an error, never a panic; a package that parses holds a statement the parser then judges.
#![no_main]
use custody_core::handover::package::parse_package;
use custody_core::statement::parse_statement;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_statement(data);
    if let Ok(p) = parse_package(data.to_vec()) {
        let _ = parse_statement(&p.statement);
    }
});
