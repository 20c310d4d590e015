//! What mutual legal assistance needs to know about the evidence, beyond files and hashes:
//! the case and its legal basis, the people involved, the restrictions on use, the signed
//! attestations, and how each item was captured.
//!
//! These types are members of the signed manifest ([`crate::manifest`]). Everything here is
//! optional except what bundle format version 1 already required, so a quick seal stays
//! quick; a fully described case lets a foreign authority or a court learn from the bundle
//! alone which proceedings it serves, on what basis it was obtained, who captured what, how
//! and when, and what the receiver may and may not do with it.
//!
//! The field set follows `../shared/reference/legal-requirements.md`: the Budapest
//! Convention and its Second Protocol (preservation, use limitation, onward transfer, data
//! protection), the EU e-Evidence categories, FRE 902(13)/(14)-style certifications, ISO/IEC
//! 27037 chain-of-custody records, the Berkeley Protocol's web-capture minimum and China's
//! 2016 electronic-data provisions (access steps, method, tool, witness).
//!
//! This module holds types only and imports nothing above it. The rules over a whole
//! manifest live with the manifest: [`crate::manifest::rules`] states what makes a manifest
//! invalid (references to actors, authorisations and items that do not exist, capture end
//! before start, invalid country codes): the sealer refuses such input and the verifier
//! fails such a bundle. [`crate::manifest::advisories`] states what a prosecutor should be
//! warned about but that does not make the evidence invalid (a web page without the
//! Berkeley minimum, a capture outside its authorisation's time window, a content time
//! without meaning or zone).
//!
//! One file per part, re-exported here: `vocabulary` (dates and the closed value lists),
//! `case` (case and legal basis), `actors`, `restrictions`, `attestation`, `capture`.

mod actors;
mod attestation;
mod capture;
mod case;
mod restrictions;
mod vocabulary;

pub use actors::{Actor, Contact};
pub use attestation::{Attestation, AttestedFile};
pub use capture::{
    CAPTURE_FILE_FORMATS, Capture, CaptureEnvironment, CaptureFile, CaptureTool, CapturedPage, ContentTime,
    DerivedFrom, EnvironmentKey, ImportedField, ItemCapture,
};
pub use case::{Authorisation, AuthorisationScope, FileNumber, LegalBasis, Offence, RelatedRequest};
pub use restrictions::{Confidentiality, DataProtection, OnwardTransfer, Restrictions, Retention, UseLimitation};
pub use vocabulary::{
    AcquisitionMode, ActorRole, AttestationKind, AuthorityRole, CaptureMethod, ConfidentialityLevel, DataCategory,
    DataSubjectCategory, Date, FileRole, ItemKind, OnwardTransferRule, ProceedingType, RequestKind, Urgency,
};
