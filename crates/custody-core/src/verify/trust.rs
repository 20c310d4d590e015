//! Trust checks (spec §9.1 step 12, §10): each signer against the verifier's trust list.

use super::{Verifier, wording};
use crate::check::{CheckCode, Level};
use crate::trust::{TrustList, Vouch};

impl Verifier {
    pub(super) fn check_trust(&mut self, trust: Option<&TrustList>) {
        let Some(list) = trust else { return };
        let mut results = Vec::new();
        for s in &mut self.report_extra.signers {
            let fp = s.signer.fingerprint;
            let (trusted, level, code, msg) = match list.vouch(&fp, &s.signer.identity()) {
                Vouch::Trusted => (
                    true,
                    Level::Pass,
                    CheckCode::TrustSignerTrusted,
                    wording::checks::trust_signer_trusted(&s.signer.name, fp),
                ),
                Vouch::Unknown => (
                    false,
                    Level::Fail,
                    CheckCode::TrustSignerUnknown,
                    wording::checks::trust_signer_unknown(s.signer.identity().describe(), fp),
                ),
                Vouch::IdentityUnlisted => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityUnlisted,
                    wording::checks::trust_identity_unlisted(fp, s.signer.identity().describe()),
                ),
                Vouch::Mismatch(diffs) => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityMismatch,
                    wording::checks::trust_identity_mismatch(fp, diffs.join("; ")),
                ),
            };
            s.trusted = Some(trusted);
            results.push((level, code, msg));
        }
        for (level, code, msg) in results {
            self.add(level, code, msg, None);
        }
    }
}
