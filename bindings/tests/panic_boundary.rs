//! No panic crosses the FFI boundary.
//!
//! Every function UniFFI exports runs its body inside `uniffi::rust_call`
//! (see the scaffolding `#[uniffi::export]` generates), which catches an
//! unwinding panic and reports it as an "unexpected error" call status: the
//! Kotlin bindings throw `InternalException`, the Swift bindings throw
//! `UniffiInternalError.rustPanic`. This test pins that behaviour for the
//! UniFFI version in Cargo.lock; `ward-ffi` refuses to compile with
//! `panic = "abort"`, where the catch could not work.

use uniffi::{RustCallError, RustCallStatus, RustCallStatusCode};

#[test]
fn a_panic_becomes_an_unexpected_error_status() {
    let mut status = RustCallStatus::default();
    let value: u32 = uniffi::rust_call(&mut status, || -> Result<u32, RustCallError> {
        panic!("a bug in an exported function")
    });
    assert_eq!(status.code, RustCallStatusCode::UnexpectedError);
    assert_eq!(value, 0, "the FFI default is returned and ignored");
}
