//! `uniffi-bindgen-swift`: UniFFI's Swift generator (sources, headers and
//! an XCFramework-compatible module map) at the workspace's UniFFI version.
//! Run through `bindings/build-xcframework.sh`.

fn main() {
    uniffi::uniffi_bindgen_swift()
}
