//! An Ed25519 key on a PKCS#11 token (a smartcard, an HSM; SoftHSM2 in the tests), named by
//! a PKCS#11 URI (RFC 7512): `pkcs11:token=LABEL;object=LABEL?module-path=/path/module.so`.
//! custody logs in with the user PIN, finds the private key and asks the token to sign
//! (CKM_EDDSA, pure Ed25519); the key never leaves the token.

use std::path::PathBuf;
use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::mechanism::Mechanism;
use cryptoki::mechanism::eddsa::{EddsaParams, EddsaSignatureScheme};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;

use super::{KeyError, PublicKey, SignError, Signer};

/// The DER of the Ed25519 curve's OID (1.3.101.112), as CKA_EC_PARAMS names it.
const ED25519_OID: &[u8] = &[0x06, 0x03, 0x2b, 0x65, 0x70];
/// The printable-string form some tokens use for CKA_EC_PARAMS ("edwards25519").
const ED25519_NAME: &[u8] = b"\x13\x0cedwards25519";

/// A parsed `pkcs11:` URI: the attributes custody uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUri {
    /// The token's label (`token=`).
    pub token: String,
    /// The key's label (`object=`).
    pub object: String,
    /// The PKCS#11 module to load (`module-path=`, else CUSTODY_PKCS11_MODULE).
    pub module: PathBuf,
    /// The PIN given in the URI (`pin-value=`), if any; RFC 7512 discourages it.
    pub pin_value: Option<String>,
    /// A file holding the PIN (`pin-source=file:...`), if any.
    pub pin_source: Option<PathBuf>,
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl TokenUri {
    /// Parses `pkcs11:...`; `module` is used where the URI names no module-path.
    pub fn parse(uri: &str, module: Option<PathBuf>) -> Result<Self, KeyError> {
        let bad = |why: &str| KeyError::BadLocation { location: uri.into(), why: why.into() };
        let rest = uri.strip_prefix("pkcs11:").ok_or_else(|| bad("it does not start with pkcs11:"))?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (mut token, mut object, mut module_path, mut pin_value, mut pin_source) = (None, None, None, None, None);
        for (attr, sep) in path.split(';').map(|a| (a, "path")).chain(query.split('&').map(|a| (a, "query"))) {
            if attr.is_empty() {
                continue;
            }
            let (k, v) = attr.split_once('=').ok_or_else(|| bad(&format!("{attr:?} is not NAME=VALUE")))?;
            let v = percent_decode(v).ok_or_else(|| bad(&format!("{attr:?} has a bad %-escape")))?;
            let slot = match (sep, k) {
                ("path", "token") => &mut token,
                ("path", "object") => &mut object,
                ("query", "module-path") => &mut module_path,
                ("query", "pin-value") => &mut pin_value,
                ("query", "pin-source") => &mut pin_source,
                // Attributes that narrow the search (type, manufacturer, ...) are not needed:
                // token and object labels name the key.
                _ => continue,
            };
            if slot.replace(v).is_some() {
                return Err(bad(&format!("{k} is given twice")));
            }
        }
        let module = module_path.map(PathBuf::from).or(module).ok_or_else(|| {
            bad("it names no module-path, and CUSTODY_PKCS11_MODULE is not set (e.g. /usr/lib/softhsm/libsofthsm2.so)")
        })?;
        let pin_source = pin_source.map(|s| PathBuf::from(s.strip_prefix("file:").unwrap_or(&s).to_owned()));
        Ok(TokenUri {
            token: token.ok_or_else(|| bad("it names no token= (the token's label)"))?,
            object: object.ok_or_else(|| bad("it names no object= (the key's label)"))?,
            module,
            pin_value,
            pin_source,
        })
    }
}

/// A key on a token, logged in and ready to sign.
pub struct TokenKey {
    // Dropped in order: the session before the library's context.
    session: Mutex<Session>,
    key: ObjectHandle,
    public: PublicKey,
    name: String,
    _context: Pkcs11,
}

fn failed(uri: &TokenUri, why: impl std::fmt::Display) -> KeyError {
    KeyError::DeviceUnavailable {
        location: format!("pkcs11:token={};object={}", uri.token, uri.object),
        why: why.to_string(),
    }
}

/// Opens the module, finds the token by label and logs in with `pin`.
fn login(uri: &TokenUri, pin: &str, rw: bool) -> Result<(Pkcs11, Session), KeyError> {
    let ctx = Pkcs11::new(&uri.module)
        .map_err(|e| failed(uri, format!("the PKCS#11 module {} cannot be loaded: {e}", uri.module.display())))?;
    ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .map_err(|e| failed(uri, format!("the PKCS#11 module did not start: {e}")))?;
    let slots = ctx.get_slots_with_token().map_err(|e| failed(uri, e))?;
    let mut labels = Vec::new();
    let mut found = None;
    for slot in slots {
        let label = ctx.get_token_info(slot).map(|i| i.label().trim().to_owned()).unwrap_or_default();
        if label == uri.token {
            found = Some(slot);
            break;
        }
        labels.push(label);
    }
    let slot = found.ok_or_else(|| failed(uri, format!("no token labelled {:?} (tokens: {labels:?})", uri.token)))?;
    let session = if rw { ctx.open_rw_session(slot) } else { ctx.open_ro_session(slot) }.map_err(|e| failed(uri, e))?;
    session
        .login(UserType::User, Some(&AuthPin::from(pin.to_owned())))
        .map_err(|e| failed(uri, format!("the token refused the PIN: {e}")))?;
    Ok((ctx, session))
}

/// The public key of a token's public-key object (CKA_EC_POINT: a DER OCTET STRING of the
/// 32 bytes, or the 32 bytes themselves), checked to be on Ed25519's curve.
fn public_of(session: &Session, uri: &TokenUri, object: ObjectHandle) -> Result<PublicKey, KeyError> {
    let attrs = session
        .get_attributes(object, &[AttributeType::EcParams, AttributeType::EcPoint])
        .map_err(|e| failed(uri, e))?;
    let (mut params, mut point) = (None, None);
    for a in attrs {
        match a {
            Attribute::EcParams(p) => params = Some(p),
            Attribute::EcPoint(p) => point = Some(p),
            _ => {}
        }
    }
    if !matches!(params.as_deref(), Some(ED25519_OID) | Some(ED25519_NAME)) {
        return Err(KeyError::NotEd25519);
    }
    let point = point.ok_or_else(|| failed(uri, "the token gives no public key for it"))?;
    let raw = match point.as_slice() {
        [0x04, 0x20, raw @ ..] if raw.len() == 32 => raw,
        raw if raw.len() == 32 => raw,
        _ => return Err(KeyError::NotEd25519),
    };
    PublicKey::from_raw(raw)
}

fn find(session: &Session, uri: &TokenUri, class: ObjectClass) -> Result<Option<ObjectHandle>, KeyError> {
    let found = session
        .find_objects(&[Attribute::Class(class), Attribute::Label(uri.object.as_bytes().to_vec())])
        .map_err(|e| failed(uri, e))?;
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err(failed(uri, format!("{} keys are labelled {:?}: give each its own label", found.len(), uri.object))),
    }
}

impl TokenKey {
    /// Logs in to the token and finds the key labelled `object`: an Ed25519 private key with
    /// its public key object beside it.
    pub fn open(uri: &TokenUri, pin: &str) -> Result<Self, KeyError> {
        let (ctx, session) = login(uri, pin, false)?;
        let key = find(&session, uri, ObjectClass::PRIVATE_KEY)?
            .ok_or_else(|| failed(uri, format!("no private key labelled {:?} on the token", uri.object)))?;
        let kind = session.get_attributes(key, &[AttributeType::KeyType]).map_err(|e| failed(uri, e))?;
        match kind.first() {
            Some(Attribute::KeyType(k)) if *k == KeyType::EC_EDWARDS => {}
            Some(Attribute::KeyType(k)) => return Err(KeyError::UnsupportedAlgorithm(format!("{k}"))),
            _ => return Err(failed(uri, "the token does not say what kind of key it is")),
        }
        let public_object = find(&session, uri, ObjectClass::PUBLIC_KEY)?
            .ok_or_else(|| failed(uri, format!("no public key labelled {:?} beside the private key", uri.object)))?;
        let public = public_of(&session, uri, public_object)?;
        let name = format!("the PKCS#11 token {:?} (key {:?})", uri.token, uri.object);
        Ok(TokenKey { session: Mutex::new(session), key, public, name, _context: ctx })
    }

    /// Makes a new Ed25519 key pair on the token, labelled `object`, that never leaves it
    /// (sensitive, not extractable); refused if a key of that label exists.
    pub fn generate(uri: &TokenUri, pin: &str) -> Result<PublicKey, KeyError> {
        let (_ctx, session) = login(uri, pin, true)?;
        if find(&session, uri, ObjectClass::PRIVATE_KEY)?.is_some() {
            return Err(failed(
                uri,
                format!("the token already holds a key labelled {:?}; choose another", uri.object),
            ));
        }
        let label = Attribute::Label(uri.object.as_bytes().to_vec());
        let public_template =
            [Attribute::Token(true), Attribute::Verify(true), Attribute::EcParams(ED25519_OID.to_vec()), label.clone()];
        let private_template = [
            Attribute::Token(true),
            Attribute::Private(true),
            Attribute::Sign(true),
            Attribute::Sensitive(true),
            Attribute::Extractable(false),
            label,
        ];
        let (public, _private) = session
            .generate_key_pair(&Mechanism::EccEdwardsKeyPairGen, &public_template, &private_template)
            .map_err(|e| failed(uri, format!("the token could not make an Ed25519 key: {e}")))?;
        public_of(&session, uri, public)
    }

    /// The key's public half.
    pub fn public(&self) -> PublicKey {
        self.public
    }
}

impl Signer for TokenKey {
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignError> {
        let refused = |why: String| SignError::Refused { device: self.name.clone(), why };
        let session = self.session.lock().map_err(|_| refused("an earlier request failed".into()))?;
        let mechanism = Mechanism::Eddsa(EddsaParams::new(EddsaSignatureScheme::Pure));
        let sig = session.sign(&mechanism, self.key, message).map_err(|e| refused(e.to_string()))?;
        <[u8; 64]>::try_from(sig.as_slice()).map_err(|_| refused(format!("a signature of {} bytes, not 64", sig.len())))
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_read_as_rfc_7512_writes_them() {
        let u = TokenUri::parse(
            "pkcs11:token=Police%20CA;object=alice;type=private?module-path=/usr/lib/x.so&pin-source=file:/run/pin",
            None,
        )
        .unwrap();
        assert_eq!((u.token.as_str(), u.object.as_str()), ("Police CA", "alice"));
        assert_eq!(u.module, PathBuf::from("/usr/lib/x.so"));
        assert_eq!(u.pin_source, Some(PathBuf::from("/run/pin")));
        let env = TokenUri::parse("pkcs11:token=t;object=o", Some("/m.so".into())).unwrap();
        assert_eq!(env.module, PathBuf::from("/m.so"));
        for bad in [
            "pkcs11:object=o?module-path=/m.so",
            "pkcs11:token=t?module-path=/m.so",
            "pkcs11:token=t;object=o",
            "pkcs11:token=t;token=u;object=o?module-path=/m.so",
            "pkcs11:token=%zz;object=o?module-path=/m.so",
            "pkcs12:token=t;object=o",
        ] {
            assert!(matches!(TokenUri::parse(bad, None), Err(KeyError::BadLocation { .. })), "{bad}");
        }
    }
}
