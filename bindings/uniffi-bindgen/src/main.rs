//! `uniffi-bindgen`: UniFFI's generator, built from the workspace so that it
//! always matches the UniFFI version `ward-ffi` is compiled with (a globally
//! installed generator of another version writes bindings whose checksums do
//! not match the library). Run through `bindings/generate.sh`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
