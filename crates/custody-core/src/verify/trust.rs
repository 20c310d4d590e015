//! Trust checks (spec §9.1 step 12, §10): each signer against the verifier's trust list.

use super::Verifier;
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
                    format!("{} ({fp}) is in the trust list", s.signer.name),
                ),
                Vouch::Unknown => (
                    false,
                    Level::Fail,
                    CheckCode::TrustSignerUnknown,
                    format!("{} ({fp}) is not in the trust list", s.signer.identity().describe()),
                ),
                Vouch::IdentityUnlisted => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityUnlisted,
                    format!(
                        "key {fp} is in the trust list without a full identity (name, organisation, role, \
                         jurisdiction), so it vouches for no one; the bundle says it is {}. If you know that is \
                         who holds it, add the missing fields to that line of the trust list",
                        s.signer.identity().describe()
                    ),
                ),
                Vouch::Mismatch(diffs) => (
                    false,
                    Level::Fail,
                    CheckCode::TrustIdentityMismatch,
                    format!(
                        "key {fp} is in the trust list, but the bundle claims a different identity: {}",
                        diffs.join("; ")
                    ),
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
