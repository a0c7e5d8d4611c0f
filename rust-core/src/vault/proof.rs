//! The fresh proof that sensitive actions need (issue 12, point 7).
//!
//! Exporting secrets, changing the password and enabling a platform key
//! must not be possible for someone who merely picks up an unlocked phone.
//! The vault therefore remembers when the user last proved who they are
//! (an unlock, or [`Vault::reauthenticate`](super::Vault::reauthenticate) /
//! [`Vault::reauthenticate_with_keystore`](super::Vault::reauthenticate_with_keystore))
//! and refuses those actions with [`VaultError::ReauthRequired`] unless the
//! proof lies in `[now - REAUTH_WINDOW_SECONDS, now]`.
//!
//! Time is the caller's clock (`now`, Unix seconds). A proof recorded at
//! `t` is never valid for a `now` before `t`: a clock set back (by the
//! user, by NTP, by an attacker) cannot stretch the window, it only makes
//! the user prove again. The proof is forgotten on lock.

use super::error::VaultError;

/// How long a proof stays fresh, in seconds.
pub const REAUTH_WINDOW_SECONDS: u64 = 60;

/// When the user last proved who they are, while unlocked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Proof {
    at: Option<u64>,
}

impl Proof {
    /// Records a proof made at `now` (replaces any earlier one).
    pub fn record(&mut self, now: u64) {
        self.at = Some(now);
    }

    /// Forgets the proof (on lock, or after a failed re-authentication).
    pub fn forget(&mut self) {
        self.at = None;
    }

    /// True when a proof was recorded in `[now - window, now]`.
    pub fn is_fresh(&self, now: u64) -> bool {
        match self.at {
            Some(at) => at <= now && now - at <= REAUTH_WINDOW_SECONDS,
            None => false,
        }
    }

    /// `Ok` when fresh, else [`VaultError::ReauthRequired`].
    pub fn require(&self, now: u64) -> Result<(), VaultError> {
        if self.is_fresh(now) {
            Ok(())
        } else {
            Err(VaultError::ReauthRequired)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_only_inside_the_window() {
        let mut proof = Proof::default();
        assert!(!proof.is_fresh(0));
        proof.record(1_000);
        assert!(proof.is_fresh(1_000));
        assert!(proof.is_fresh(1_000 + REAUTH_WINDOW_SECONDS));
        assert!(!proof.is_fresh(1_000 + REAUTH_WINDOW_SECONDS + 1));
        assert_eq!(proof.require(2_000), Err(VaultError::ReauthRequired));
        proof.forget();
        assert!(!proof.is_fresh(1_000));
    }

    #[test]
    fn a_clock_set_back_does_not_keep_a_proof_fresh() {
        let mut proof = Proof::default();
        proof.record(1_000);
        // `now` before the proof: not fresh, however far back, so a clock
        // going backwards cannot make an old proof valid forever.
        assert!(!proof.is_fresh(999));
        assert!(!proof.is_fresh(0));
        // And the far future is not "fresh" through overflow either.
        assert!(!proof.is_fresh(u64::MAX));
        proof.record(u64::MAX);
        assert!(proof.is_fresh(u64::MAX));
    }
}
