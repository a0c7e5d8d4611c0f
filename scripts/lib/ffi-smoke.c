// Smoke test of a built libward_ffi.so, run by scripts/size-report.sh on the
// stripped library it measures (under qemu for aarch64): the file that is
// measured must also load and work. It loads the library with
// dlopen(RTLD_NOW), so every undefined symbol must resolve, and drives it
// through UniFFI's C ABI (uniffi 0.32: RustBuffer {u64 capacity, u64 len,
// u8 *data}, objects as u64 handles cloned before each method call, Vec<u8>
// as a buffer of a big-endian i32 length then the bytes): it creates a vault
// (SQLite, Argon2id, AES-GCM), adds the RFC 6238 test account and reads its
// code at T = 59 s (RFC 6238 appendix B: 94287082, so 287082 with 6 digits).
//
// Usage: ffi-smoke LIBRARY VAULT_PATH (VAULT_PATH is deleted first).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct { uint64_t capacity, len; uint8_t *data; } RustBuffer;
typedef struct { int32_t len; const uint8_t *data; } ForeignBytes;
typedef struct { int8_t code; RustBuffer error_buf; } RustCallStatus;

static void *lib;

static void *sym(const char *name) {
  void *p = dlsym(lib, name);
  if (!p) {
    printf("ffi-smoke: %s is not exported\n", name);
    _exit(1);
  }
  return p;
}

static void check(const char *what, const RustCallStatus *status) {
  if (status->code) {
    printf("ffi-smoke: %s failed (status %d): %.*s\n", what, status->code,
           (int)status->error_buf.len, (const char *)status->error_buf.data);
    _exit(1);
  }
}

// A buffer allocated by the library (it takes ownership of arguments).
static RustBuffer buffer(const void *data, size_t len) {
  RustBuffer (*from_bytes)(ForeignBytes, RustCallStatus *) = sym("ffi_ward_ffi_rustbuffer_from_bytes");
  RustCallStatus status = {0};
  ForeignBytes bytes = {(int32_t)len, data};
  RustBuffer out = from_bytes(bytes, &status);
  check("rustbuffer_from_bytes", &status);
  return out;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s LIBRARY VAULT_PATH\n", argv[0]);
    return 2;
  }
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    printf("ffi-smoke: dlopen: %s\n", dlerror());
    return 1;
  }
  RustCallStatus status = {0};
  uint32_t (*contract_version)(void) = sym("ffi_ward_ffi_uniffi_contract_version");
  uint64_t (*window)(RustCallStatus *) = sym("uniffi_ward_ffi_fn_func_reauth_window_seconds");
  uint64_t seconds = window(&status);
  check("reauth_window_seconds", &status);

  const char *path = argv[2];
  unlink(path);
  static const uint8_t password[] = {0, 0, 0, 8, 'c', 'o', 'r', 'r', 'e', 'c', 't', '!'};
  uint64_t (*create)(RustBuffer, RustBuffer, RustCallStatus *) = sym("uniffi_ward_ffi_fn_constructor_vault_create");
  uint64_t vault = create(buffer(path, strlen(path)), buffer(password, sizeof password), &status);
  check("Vault.create", &status);
  uint64_t (*clone)(uint64_t, RustCallStatus *) = sym("uniffi_ward_ffi_fn_clone_vault");

  static const char uri[] = "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example";
  RustBuffer (*add_uri)(uint64_t, RustBuffer, uint64_t, RustCallStatus *) = sym("uniffi_ward_ffi_fn_method_vault_add_uri");
  add_uri(clone(vault, &status), buffer(uri, sizeof uri - 1), 1000, &status);
  check("Vault.add_uri", &status);

  RustBuffer (*codes)(uint64_t, uint64_t, RustCallStatus *) = sym("uniffi_ward_ffi_fn_method_vault_codes");
  RustBuffer listed = codes(clone(vault, &status), 59, &status);
  check("Vault.codes", &status);
  int right = memmem(listed.data, listed.len, "287082", 6) != NULL;
  printf("ffi-smoke: contract %u, re-auth window %llu s, vault created, code at T=59 %s\n",
         contract_version(), (unsigned long long)seconds, right ? "287082 as RFC 6238 says" : "WRONG");
  unlink(path);
  return right ? 0 : 1;
}
