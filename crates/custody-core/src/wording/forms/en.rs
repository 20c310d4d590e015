//! English: the forms' words; the FRE certification's fixed text (`fre`).

use super::{Label, Seal};

pub(super) fn label(l: Label) -> &'static str {
    match l {
        Label::NotIntact => "WARNING: THIS BUNDLE DID NOT VERIFY INTACT",
        Label::Item => "Item",
        Label::Matches => "matches the value recorded at sealing",
        Label::DoesNotMatch => "DOES NOT MATCH the value recorded at sealing (damaged or missing)",
        Label::MatchesUntrusted => {
            "matches the value in the manifest, whose signature verified; a signer or timestamp authority of the \
             bundle is not in the trust list (see the warning)"
        }
        Label::DoNotSign => "not to be signed as it stands: see the warning at the start of this form",
        Label::NotEstablished => "not established (see the warning)",
        Label::Signature => "Signature",
        Label::Date => "Date",
        Label::Place => "Place",
        Label::Name => "Name",
        Label::Position => "Position",
        Label::LegalSources => "Legal sources",
        Label::BundleSha256 => "SHA-256 of the bundle file",
        Label::SealedAt => "Sealed at",
        Label::TrustedTime => "Trusted time of the seal",
        Label::SignedEvent => "Signed custody event",
        Label::NotTrusted => "WARNING: A SIGNER OR TIMESTAMP AUTHORITY OF THIS BUNDLE IS NOT IN THE TRUST LIST",
        Label::UntrustedSigners => "Signers not in the trust list",
        Label::Verification => "Verification",
        Label::CnTitle => "Record of electronic data extraction",
        Label::CnCause => "Cause of the case",
        Label::CnTarget => "Target of the extraction",
        Label::CnTime => "Time of the extraction",
        Label::CnPlace => "Place of the extraction",
        Label::CnMethod => "Method of the extraction",
        Label::CnContent => "Content of the extraction",
        Label::CnNetworkAddress => "Network address",
        Label::CnAccessMethod => "Access method",
        Label::CnSystemEnvironment => "System environment",
        Label::CnSteps => "Process of the extraction",
        Label::CnRecording => "Video recording of the process",
        Label::CnList => "List of the electronic data fixed",
        Label::CnNumber => "No.",
        Label::CnCategory => "Category",
        Label::CnFormat => "Format",
        Label::CnCheckValue => "Integrity check value",
        Label::CnAlgorithm => "Algorithm",
        Label::CnInvestigator => "Investigator",
        Label::CnWitness => "Witness or holder (provider) of the data",
        Label::CnHolderDidNotSign => "If the holder (provider) of the data cannot or refuses to sign, state it here:",
        Label::CnNoRecording => "No recording of the process is in the bundle: name it here if one was made.",
        Label::MlaTitle => "Certificate of execution of a request for mutual legal assistance",
        Label::MlaRequest => "1. The request",
        Label::MlaReference => "Case reference",
        Label::MlaLegalBasis => "Legal basis",
        Label::MlaFileNumber => "File number",
        Label::MlaRelatedRequest => "Related request",
        Label::MlaRequesting => "Requesting authority",
        Label::MlaRequested => "Requested authority",
        Label::MlaExecuted => "2. What was executed",
        Label::MlaSent => "3. What is sent",
        Label::MlaConditions => "4. Conditions on use (speciality, confidentiality, retention, onward transfer)",
        Label::MlaNoConditions => "The bundle states no restriction on use and no transfer condition.",
        Label::MlaChain => "5. Custody chain",
        Label::MlaHolder => "Holder",
        Label::MlaFrom => "From",
        Label::MlaUntil => "Until",
        Label::MlaHandover => "How custody began",
        Label::MlaCertify => "6. Certification by the executing authority",
        Label::MlaCertifyText => {
            "The executing authority certifies that the request identified above was executed as described in \
             section 2, and that the evidence sent is the bundle identified in section 3 by its SHA-256, sent \
             subject to the conditions in section 4."
        }
        Label::MlaAuthority => "Executing authority",
        Label::MlaStamp => "Official seal or stamp",
        Label::MlaSources => {
            "Mutual legal assistance under the legal basis stated in section 1; conditions on use as the \
             requested state may impose them (Budapest Convention, ETS 185, art. 28; Second Additional Protocol, \
             CETS 224, art. 14, where they apply)."
        }
    }
}

pub(super) fn not_intact(state: &str) -> String {
    format!(
        "The verification found this bundle {state}. What follows is what the bundle claims, not what was \
         established: do not sign this form as it stands."
    )
}

pub(super) fn not_trusted() -> &'static str {
    "The verification found every file matching the signed manifest, but at least one signer of the bundle, or a \
     timestamp authority, is not in the trust list given (not necessarily the one who sealed it): what that key \
     signed, or when, is not vouched for. Do not sign this form as it stands before those keys are confirmed."
}

pub(super) fn trusted_time(time: &str, trusted: bool) -> String {
    let roots = if trusted { "chains to the TSA roots given" } else { "is not vouched for by TSA roots given" };
    format!("{time}, from a timestamp token whose authority {roots}: ")
}

pub(super) fn files_of(n: u64, bytes: u64) -> String {
    format!("{n} file(s), {bytes} bytes")
}

pub(super) fn more_items(n: u64) -> String {
    format!(
        "{n} more item(s), each described with its capture record in the attached manifest (manifest.json in the bundle)."
    )
}

pub(super) fn more_signatures(n: u64) -> String {
    format!("{n} more countersignature(s), each a signed custody event in the bundle.")
}

pub(super) fn more_files(n: u64) -> String {
    format!("{n} more file(s), listed in the attached manifest (manifest.json in the bundle), each with its SHA-256.")
}

pub(super) fn verification(tool: &str, at: &str, seal: Seal) -> String {
    match seal {
        Seal::Established => {
            format!(
                "Verified by {tool} at {at}: every file hashed again with SHA-256 and compared with the signed manifest."
            )
        }
        Seal::Untrusted => format!(
            "Verified by {tool} at {at}: every file hashed again with SHA-256 and compared with the manifest, whose \
             signature verified; at least one signer or timestamp authority of the bundle is not in the trust list \
             given (see the warning)."
        ),
        Seal::NotEstablished => format!(
            "Verified by {tool} at {at}: the seal was NOT established (see the warning); no file is certified to \
             match a value recorded at sealing."
        ),
    }
}

pub(super) fn cn_integrity(at: &str, seal: Seal) -> String {
    match seal {
        Seal::Established => format!(
            "The integrity check values were computed when the data was sealed and recorded in the signed manifest; \
             the verification of {at} computed them again and compared them."
        ),
        Seal::Untrusted => format!(
            "The integrity check values are those recorded in the manifest, whose signature verified (at least one \
             signer or timestamp authority of the bundle is not in the trust list given); the verification of {at} computed them again and compared them."
        ),
        Seal::NotEstablished => format!(
            "The verification of {at} did NOT establish the seal (see the warning): the values below are what the \
             bundle claims, not values established at sealing."
        ),
    }
}

pub(super) fn cn_sources() -> &'static str {
    "Provisions of the SPC, SPP and MPS on the collection, extraction, review and judgment of electronic data in \
     criminal cases (2016), art. 7 (at least two investigators), arts. 14 and 15 (the record, its list, the \
     signatures); SPP Provisions on handling cybercrime cases (2021), art. 37 (network address, access method, \
     system environment)."
}

pub(super) fn mla_handed_over(transfer: u64) -> String {
    format!("receipt signed for transfer #{transfer}, from")
}

pub(super) fn mla_sealed() -> &'static str {
    "sealed the bundle"
}

/// The FRE 902(13)/(14) certification: its title, sections and declarations.
pub mod fre {
    /// The form's title.
    pub const TITLE: &str = "Certification of a qualified person under Federal Rules of Evidence 902(13) and 902(14)";
    /// 1. The declarant.
    pub const DECLARANT: &str = "1. The declarant and their qualifications";
    /// The opening of the declaration.
    pub const I_DECLARE: &str = "I, the undersigned, declare:";
    /// Row: the declarant's qualifications.
    pub const QUALIFICATIONS: &str = "Qualifications (training, experience, position)";
    /// Row: the employer or organisation.
    pub const EMPLOYER: &str = "Employer or organisation";
    /// Row: the statement an attestation sealed in the bundle records.
    pub const ATTESTED: &str = "Statement recorded in the bundle";
    /// 2. The process.
    pub const PROCESS: &str = "2. The process that produced and preserved the records (FRE 902(13))";
    /// FRE 902(13), first person: the process produces an accurate result.
    pub const ACCURATE: &str = "I certify that the records described below were generated by an electronic \
         process and system that produces an accurate result: each item was captured by the process its capture \
         record describes below (in the environment and with the clock source the record states, where it states \
         them), and sealed with its SHA-256 digests as it was captured.";
    /// FRE 902(13) where `n` items have no capture record describing their process: the
    /// declarant describes it by hand.
    pub fn accurate_unrecorded(n: u64) -> String {
        format!(
            "I certify that the records described below were generated by an electronic process and system that \
             produces an accurate result, and were sealed with their SHA-256 digests. For {n} item(s) the bundle \
             records no capture process: I describe how they were captured on the lines below."
        )
    }
    /// The line to describe a capture process the bundle does not record.
    pub const PROCESS_FILL: &str = "How the items without a capture record were captured (tool, method, \
         environment, clock source)";
    /// FRE 902(13) on a bundle whose seal was not established: nothing certified.
    pub const NOT_ACCURATE: &str = "The bundle did not verify intact (see the warning at the start of this form): \
         no accurate result of the process is certified.";
    /// FRE 902(14), first person, only where the verification established the seal: the hash
    /// values compared, the copies identical.
    pub const IDENTICAL: &str = "I certify that I compared the SHA-256 hash value of each file listed below, \
         computed again from the copy, with the hash value recorded for it when it was sealed, and that the hash \
         values are identical: each copy is identical to the data sealed.";
    /// FRE 902(14) where the seal was established but not every file of the bundle is listed
    /// as matching: `disposed` files listed as not in the bundle (returned or destroyed), `more`
    /// files left out of the capped list. Only the files listed as matching are certified.
    pub fn identical_listed(disposed: u64, more: u64) -> String {
        let mut s = String::from(
            "I certify that I compared the SHA-256 hash value of each file listed below as matching the value \
             recorded at sealing, computed again from the copy, with the hash value recorded for it when it was \
             sealed, and that those hash values are identical: each of those copies is identical to the data sealed.",
        );
        if disposed > 0 {
            s.push_str(&format!(
                " The {disposed} file(s) listed below as not in this bundle (returned or destroyed) were not \
                 compared: no copy of them is certified."
            ));
        }
        if more > 0 {
            s.push_str(&format!(
                " The {more} file(s) not listed below (see the note under the list) are not covered by this \
                 certification."
            ));
        }
        s
    }
    /// Where the seal was not established (or its signer not trusted): no identity certified.
    pub const NOT_IDENTICAL: &str = "The comparison below does not establish that the copies are identical to the \
         data sealed (see the warning at the start of this form): no identity of the copies is certified.";
    /// The process, described.
    pub const PROCESS_TEXT: &str = "The items below were captured by the process described for each, then sealed \
         into a signed bundle whose manifest records every file with its size and SHA-256 digest; every later \
         hand-over is a signed custody event in the same bundle.";
    /// 3. The hash comparison.
    pub const HASH: &str = "3. Digital identification by hash comparison (FRE 902(14))";
    /// 4. The declaration.
    pub const DECLARATION: &str = "4. Declaration";
    /// Within the United States: 28 U.S.C. §1746(2).
    pub const WITHIN_US: &str =
        "I declare under penalty of perjury that the foregoing is true and correct. (28 U.S.C. §1746(2))";
    /// Outside the United States: 28 U.S.C. §1746(1).
    pub const OUTSIDE_US: &str = "I declare under penalty of perjury under the laws of the United States of America \
         that the foregoing is true and correct. (28 U.S.C. §1746(1), executed outside the United States)";
    /// Opt-in (a foreign business's records, e.g. a provider's): the foreign certification of
    /// 18 U.S.C. §3505(a)(1)(A)-(D), inside the declaration, before the §1746 sentence.
    pub const FOREIGN: &str = "I further certify, as a foreign certification under 18 U.S.C. §3505, that each \
         record listed above, being a foreign record of regularly conducted activity: (A) was made, at or near the \
         time of the occurrence of the matters set forth, by (or from information transmitted by) a person with \
         knowledge of those matters; (B) was kept in the course of a regularly conducted business activity; \
         (C) was made by that business activity as a regular practice; and (D) if it is not the original, is a \
         duplicate of the original. I understand that a false certification subjects me to criminal penalty \
         under the laws of the country where it is signed.";
    /// The notice §3505(b) requires, under the sources when §3505 is used.
    pub const FOREIGN_NOTICE: &str = "18 U.S.C. §3505(b): at the arraignment or as soon after it as practicable, a \
         party intending to offer a foreign record of regularly conducted activity under §3505 gives written notice \
         of that intention to each other party; a motion opposing its admission is made before trial.";
    /// Executed on: the date line.
    pub const EXECUTED_ON: &str = "Executed on (date)";
    /// The place line.
    pub const AT: &str = "At (city, state or country)";
    /// The footer's sources.
    pub const SOURCES: &str = "Federal Rules of Evidence 902(11), 902(13) and 902(14); 28 U.S.C. §1746. Before the trial or hearing, the proponent gives the adverse party reasonable written \
         notice of the intent to offer the records and makes the records and this certification available for \
         inspection (FRE 902(11)).";
}
