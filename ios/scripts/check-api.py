#!/usr/bin/env python3
"""Checks the iOS Swift code against the Swift API UniFFI generates.

No Swift compiler runs on the machine this project is built on, so this is
the check that the app and its tests call the core by names that exist:

1. every function, method, type, enum case and record field listed in
   EXPECTED (what ios/ uses of the core) exists in the generated
   WardCore.swift, with the same argument labels;
2. every call site in ios/ and bindings/swift-tests of a core function (by
   name, and for common names only on a vault receiver) passes exactly the
   labels the generated function declares;
3. every method called on a vault (`vault.x(`, `Vault.x(`) exists on the
   generated `Vault`: a call to an API that is not (yet) generated fails
   here instead of on the Mac;
4. every call of a generated function that throws is marked `try` (or
   `try?`/`try!`) in its statement;
5. every `WardError` case the Swift code names (`WardError.X`, `== .X`,
   `case .X`, `.X(` with a capitalised name) exists in the generated
   `WardError`;
6. every call from the app or the logic tests into WardAppLogic (a
   function or initialiser declared there, by a name WardAppLogic alone
   declares) passes labels one of its declarations accepts, defaults
   omitted;
7. every Swift file under ios/ and bindings/swift-tests parses (the
   tree-sitter Swift grammar, when the `tree_sitter_swift` module is
   installed: tests/requirements.txt pins it). A parse is not a compile,
   but it catches an unbalanced bracket or a malformed declaration here.

Usage:
    ios/scripts/check-api.py [path/to/WardCore.swift]
The default path is bindings/generated/swift/WardCore.swift, written by
bindings/generate.sh (ios/scripts/build.sh --swift-only runs it).
Exits 1 listing every mismatch.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "ios" / "Ward",
    ROOT / "ios" / "WardCore" / "Tests" / "WardCoreTests",
    ROOT / "bindings" / "swift-tests",
]

# What ios/ uses of the generated API (the calls whose API changes this
# session go through ios/Ward/Model/CoreCalls.swift). Functions as "Type.name(label:label:)"
# ("" for free functions); enum cases as "Enum.case(label:)"; records as
# "Record{field,field}".
EXPECTED_FUNCTIONS = [
    ".codeAt(uri:unixTime:)",
    ".parseUri(uri:)",
    ".initLogging()",
    ".decodeQrLuma(luma:width:height:rowStride:)",
    ".decodeQrPicture(luma:width:height:rowStride:)",
    "Vault.create(path:password:)",
    "Vault.open(path:)",
    "Vault.unlock(password:now:)",
    "Vault.unlockWithKeyStore(keyStore:now:)",
    "Vault.reauthenticate(password:now:)",
    "Vault.reauthenticateWithKeyStore(keyStore:now:)",
    "Vault.enableKeyStore(keyStore:now:)",
    "Vault.disableKeyStore()",
    "Vault.lock()",
    "Vault.isUnlocked()",
    "Vault.list(filter:)",
    "Vault.codes(unixTime:)",
    "Vault.addUri(uri:now:)",
    "Vault.update(id:edit:now:)",
    "Vault.delete(id:)",
    "Vault.reorder(ids:)",
    "Vault.hotpNext(id:now:)",
    "Vault.changePassword(newPassword:now:)",
    "Vault.import(data:password:now:)",
    "Vault.exportBackup(password:now:)",
    "Vault.exportGoogle(now:)",
    "Vault.addScanned(scanned:now:)",
    "Vault.importScanned(codes:now:)",
    ".reauthWindowSeconds()",
    "Vault.restoreBytes(backup:vaultPath:password:)",
    "Vault.backupToDir(dir:keep:now:)",
    "Vault.backupStatus()",
    "Vault.setBackupSettings(location:keep:)",
    "Vault.recordBackupResult(now:error:)",
    "KeyStore.wrap(key:)",
    "KeyStore.unwrap(wrapped:)",
]
EXPECTED_CASES = [
    "WardError.WrongPassword",
    "WardError.Locked",
    "WardError.InvalidInput(reason:)",
    "WardError.NotFound",
    "WardError.KeyStore(reason:)",
    "WardError.Cancelled",
    "WardError.KeyInvalidated",
    "WardError.Duplicate(id:)",
    "WardError.NoVault",
    "WardError.PasswordNeeded(format:)",
    "WardError.ReauthRequired",
    "CodeState.timed(code:kind:)",
    "CodeState.hotp(counter:)",
    "CodeState.damaged",
    "ListedEntry.entry(entry:)",
    "ListedEntry.damaged(id:position:)",
    "ScannedQr.account(account:scanned:)",
    "ScannedQr.googleExport(scanned:batchIndex:batchSize:)",
    "OtpKind.totp",
    "OtpKind.hotp",
    "OtpKind.steam",
    "Algorithm.sha1",
    "Algorithm.sha256",
    "Algorithm.sha512",
]
EXPECTED_FIELDS = [
    "AccountRecord{issuer,name,kind,algorithm,digits,period,counter,shortSecret}",
    "CodeRecord{code,nextCode,secondsRemaining,period}",
    "EntryCode{id,issuer,name,state}",
    "EntryRecord{id,issuer,name,note,favourite,icon}",
    "EntryEdit{issuer,name,note,favourite,icon}",
    "ImportReport{format,added,duplicates,skipped,googleBatches,withoutOtp}",
    "SkippedItem{position,label,reason}",
    "GoogleBatches{batchSize,present,missing}",
    "BackupExport{data,leftOut}",
    "GoogleExport{uris,leftOut}",
    "BackupStatus{enabled,location,keep,lastSuccess,lastFailure,lastError}",
    "BackupOutcome{fileName,bytes,generation}",
]
# Record initialisers ios/ calls (memberwise, in field order).
EXPECTED_INITS = [
    "EntryEdit(issuer:name:note:favourite:icon:)",
]
# Names too common to check at every call site: checked only when called on
# one of these receivers.
COMMON_NAMES = {"create", "open", "unlock", "lock", "list", "codes", "update", "delete", "reorder", "restore"}
VAULT_RECEIVERS = {"vault", "reopened", "restored", "Vault", "created"}


def strip_comments(text):
    """Drops comments and empties string literals (keeping the quotes), so
    that parentheses and slashes inside either do not confuse the parsing.
    Interpolations inside strings are dropped with the string."""
    out, index, length = [], 0, len(text)
    while index < length:
        if text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
        elif text.startswith("/*", index):
            end = text.find("*/", index + 2)
            index = length if end < 0 else end + 2
        elif text.startswith('"""', index):
            end = text.find('"""', index + 3)
            out.append('""')
            index = length if end < 0 else end + 3
        elif text[index] == '"':
            index += 1
            depth = 0  # parentheses of \( ... ) interpolations
            while index < length:
                char = text[index]
                if char == "\\" and index + 1 < length:
                    if text[index + 1] == "(":
                        depth += 1
                    index += 2
                    continue
                if depth > 0:
                    if char == "(":
                        depth += 1
                    elif char == ")":
                        depth -= 1
                elif char == '"' or char == "\n":
                    break
                index += 1
            out.append('""')
            index += 1
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def split_top_level(params):
    parts, depth, current = [], 0, ""
    for char in params:
        if char in "([<{":
            depth += 1
        elif char in ")]>}":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current)
    return [part.strip() for part in parts]


def labels_of_declaration(params):
    labels = []
    for param in split_top_level(params):
        names = param.split(":", 1)[0].split()
        labels.append(names[0].strip("`"))
    return tuple(labels)


def block_end(text, open_brace):
    depth = 0
    for index in range(open_brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def parse_generated(path):
    text = strip_comments(path.read_text())
    functions = {}  # (type or "", name) -> set of label tuples
    cases = {}  # (enum, case) -> label tuple
    fields = {}  # record -> set of fields
    inits = {}  # record -> set of label tuples
    declaration = re.compile(r"(?:public\s+|open\s+|internal\s+)?(struct|enum|protocol|class)\s+(\w+)[^{]*\{")
    spans = []
    for match in declaration.finditer(text):
        kind, name = match.group(1), match.group(2)
        start = match.end() - 1
        end = block_end(text, start)
        spans.append((start, end, name))
        body = text[start + 1:end]
        # Only members at depth 0 of the body.
        flat, depth = [], 0
        for char in body:
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif depth == 0:
                flat.append(char)
        top = "".join(flat)
        if kind == "enum":
            for case in re.finditer(r"\bcase\s+`?(\w+)`?\s*(\((.*?)\))?", top, flags=re.S):
                labels = labels_of_declaration(case.group(3)) if case.group(2) else None
                cases[(name, case.group(1))] = labels
        if kind == "struct":
            fields[name] = set(re.findall(r"public\s+(?:var|let)\s+(\w+)\s*:", top))
            for init in re.finditer(r"public\s+init\s*\((.*?)\)\s*\{", body, flags=re.S):
                inits.setdefault(name, set()).add(labels_of_declaration(init.group(1)))
    function = re.compile(r"\bfunc\s+`?(\w+)`?\s*(?:<[^>]*>)?\s*\(([^)]*)\)\s*(throws|rethrows)?")
    throwing = set()  # (owner, name) of functions declared `throws`
    for match in function.finditer(text):
        owner = ""
        for start, end, name in spans:
            if start < match.start() < end:
                owner = name  # innermost wins: spans are in source order
        labels = labels_of_declaration(match.group(2))
        functions.setdefault((owner, match.group(1)), set()).add(labels)
        if match.group(3) == "throws":
            throwing.add((owner, match.group(1)))
    return functions, cases, fields, inits, throwing


def parse_signature(signature):
    match = re.fullmatch(r"(\w*)\.?(\w+)\(([^)]*)\)", signature)
    owner, name, labels = match.group(1), match.group(2), match.group(3)
    return owner, name, tuple(label for label in labels.split(":") if label)


def call_labels(text, open_paren):
    depth, index = 0, open_paren
    for index in range(open_paren, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                break
    arguments = text[open_paren + 1:index]
    labels = []
    for argument in split_top_level(arguments):
        match = re.match(r"(\w+)\s*:(?!:)", argument)
        labels.append(match.group(1) if match and not argument.startswith("[") else "_")
    return tuple(labels)


def swift_sources():
    """(path, text without comments and string contents) of every checked
    Swift file."""
    for folder in SOURCES:
        if not folder.exists():
            continue
        for source in sorted(folder.rglob("*.swift")):
            if "Generated" in source.parts:
                continue
            yield source, strip_comments(source.read_text())


def line_of(text, index):
    return text[:index].count("\n") + 1


def app_vault_extensions():
    """Methods the app adds to the generated Vault (`extension Vault { }`
    in ios/Ward): their labels, and which throw. The app calls the core
    through them (Model/CoreCalls.swift), so they are checked like the
    core's own methods."""
    functions, throwing = {}, set()
    declaration = re.compile(r"\bfunc\s+`?(\w+)`?\s*(?:<[^>]*>)?\s*\(([^)]*)\)\s*(throws|rethrows)?")
    for source, text in swift_sources():
        for match in re.finditer(r"\bextension\s+Vault\b[^{]*\{", text):
            start = match.end() - 1
            body = text[start:block_end(text, start)]
            for function in declaration.finditer(body):
                key = ("Vault", function.group(1))
                functions.setdefault(key, set()).add(labels_of_declaration(function.group(2)))
                if function.group(3) == "throws":
                    throwing.add(key)
    return functions, throwing


def check_vault_methods(functions):
    """Methods called on a vault must exist on the generated Vault."""
    vault_methods = {name for (owner, name) in functions if owner in ("Vault", "VaultProtocol")}
    problems = []
    for source, text in swift_sources():
        for match in re.finditer(r"\b(vault|reopened|restored|created|Vault)\s*(\?)?\.\s*`?(\w+)`?\s*\(", text):
            name = match.group(3)
            if name in vault_methods or name == "init":
                continue
            # A local variable named like a vault but of another type is
            # rare; Vault.<name>( is always the core's type.
            problems.append(
                f"{source.relative_to(ROOT)}:{line_of(text, match.start())}: "
                f"{match.group(1)}.{name}(...) is not a method of the generated Vault"
            )
    return problems


CONTINUATION = tuple("(,=+-*/.[?:&|!<>")


def statement_start(text, index):
    """Where the statement holding `index` starts: after the previous `{`,
    `}` or `;`, or after a line break whose line does not end in an
    operator, a comma or an opening bracket (a continuation)."""
    position = index
    while position > 0:
        char = text[position - 1]
        if char in "{};":
            return position
        if char == "\n":
            previous = text[:position - 1].rstrip()
            if not previous.endswith(CONTINUATION) and not previous.endswith(("try", "await")):
                return position
        position -= 1
    return 0


def check_try(functions, throwing):
    """A call of a throwing generated function needs `try` in its
    statement (Swift rejects it otherwise)."""
    names = {}
    for owner, name in throwing:
        if owner in ("", "Vault", "VaultProtocol"):
            names.setdefault(name, set()).add(owner)
    problems = []
    for source, text in swift_sources():
        for match in re.finditer(r"(?:(\w+)\s*\??\s*\.\s*)?`?\b(\w+)`?\s*\(", text):
            receiver, name = match.group(1), match.group(2)
            if name not in names or re.search(r"\bfunc\s+$", text[:match.start()][-20:]):
                continue
            owners = names[name]
            if owners == {""}:
                if receiver is not None:
                    continue  # a method of another type with the same name
            elif receiver not in VAULT_RECEIVERS | {"self"} and "" not in owners:
                continue
            start = statement_start(text, match.start())
            if not re.search(r"\btry\b", text[start:match.start()]):
                problems.append(
                    f"{source.relative_to(ROOT)}:{line_of(text, match.start())}: "
                    f"{name}(...) throws but its statement has no `try`"
                )
    return problems


def check_error_cases(cases):
    """Every WardError case named in the Swift code exists."""
    known = {case for (enum, case) in cases if enum == "WardError"}
    problems = []
    patterns = [
        r"\bWardError\s*\.\s*([A-Z]\w*)",
        r"(?:==|!=)\s*\.([A-Z]\w*)\b",
        r"\bcase\s+(?:let\s+)?\.([A-Z]\w*)\b",
        r"\bthrow\s+\.([A-Z]\w*)\b",
        r"return\s+\.([A-Z]\w*)\b",
    ]
    for source, text in swift_sources():
        for pattern in patterns:
            for match in re.finditer(pattern, text):
                name = match.group(1)
                if name not in known:
                    problems.append(
                        f"{source.relative_to(ROOT)}:{line_of(text, match.start())}: "
                        f"WardError.{name} is not a case of the generated WardError"
                    )
    return problems


LOGIC = ROOT / "ios" / "WardCore" / "Sources" / "WardAppLogic"
APP = ROOT / "ios" / "Ward"
LOGIC_CALLERS = [APP, ROOT / "ios" / "WardCore" / "Tests" / "WardAppLogicTests"]


def parameters_of_declaration(params):
    """(label, has_default) for each parameter of a declaration."""
    result = []
    for param in split_top_level(params):
        if not param:
            continue
        names = param.split(":", 1)[0].split()
        label = names[0].strip("`") if names else "_"
        result.append((label, "=" in param.split(":", 1)[1] if ":" in param else False))
    return tuple(result)


def accepts(parameters, labels):
    """Whether a call with `labels` fits a declaration's parameters, where
    parameters with a default may be left out and a trailing closure may
    drop the last parameter's label."""
    def fit(p_index, l_index):
        if l_index == len(labels):
            return all(default for _, default in parameters[p_index:])
        if p_index == len(parameters):
            return False
        label, default = parameters[p_index]
        if labels[l_index] == label and fit(p_index + 1, l_index + 1):
            return True
        return default and fit(p_index + 1, l_index)
    return fit(0, 0)


def logic_declarations():
    """Functions and initialisers WardAppLogic declares: name -> list of
    parameter tuples; type name -> list of init parameter tuples."""
    functions, inits, types = {}, {}, set()
    for source in sorted(LOGIC.rglob("*.swift")):
        text = strip_comments(source.read_text())
        for match in re.finditer(r"\b(?:struct|enum|class)\s+(\w+)", text):
            types.add(match.group(1))
        for match in re.finditer(r"\bfunc\s+`?(\w+)`?\s*(?:<[^>]*>)?\s*\(([^)]*)\)", text):
            functions.setdefault(match.group(1), []).append(parameters_of_declaration(match.group(2)))
        for match in re.finditer(r"\b(?:struct|enum|class)\s+(\w+)[^{]*\{", text):
            start = match.end() - 1
            body = text[start + 1:block_end(text, start)]
            # Only the type's own initialisers (depth 0 of its body).
            flat, depth = [], 0
            for char in body:
                if char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                elif depth == 0:
                    flat.append(char)
            for init in re.finditer(r"\binit\s*\??\s*\(([^)]*)\)", "".join(flat)):
                inits.setdefault(match.group(1), []).append(parameters_of_declaration(init.group(1)))
    return functions, inits, types


def check_logic_calls():
    """Calls into WardAppLogic pass labels its declarations accept."""
    functions, inits, types = logic_declarations()
    # Names the app declares too (or that Apple's frameworks use widely)
    # are ambiguous by name alone: left to the compiler.
    app_names = set()
    for source in sorted(APP.rglob("*.swift")):
        app_names |= set(re.findall(r"\bfunc\s+`?(\w+)`?", strip_comments(source.read_text())))
    common = {"handle", "accept", "next", "previous", "clear", "filtered", "reorder", "message", "status",
              "make", "receive", "encoded", "decoded", "classify", "ago", "expiry", "grouped"}
    problems = []
    for folder in LOGIC_CALLERS:
        for source in sorted(folder.rglob("*.swift")):
            text = strip_comments(source.read_text())
            for match in re.finditer(r"(?:\b(\w+)\s*\.\s*)?\b(\w+)\s*\(", text):
                receiver, name = match.group(1), match.group(2)
                if re.search(r"\b(func|init|case)\s*$", text[:match.start()][-20:]):
                    continue
                if name in types and name in inits and receiver is None:
                    declared = inits[name]
                elif name in functions and name not in app_names and (name not in common or receiver in types):
                    declared = functions[name]
                else:
                    continue
                labels = call_labels(text, match.end() - 1)
                if labels == ("_",) and text[match.end():].lstrip().startswith(")"):
                    labels = ()
                if not any(accepts(parameters, labels) for parameters in declared):
                    line = text[:match.start()].count("\n") + 1
                    shown = ", ".join(
                        name + "(" + "".join(label + ":" for label, _ in parameters) + ")" for parameters in declared
                    )
                    problems.append(
                        f"{source.relative_to(ROOT)}:{line}: {name}({''.join(l + ':' for l in labels)}) "
                        f"does not fit WardAppLogic's {shown}"
                    )
    return problems


def check_syntax():
    """Parses every Swift file; returns (problems, note)."""
    try:
        import tree_sitter
        import tree_sitter_swift
    except ImportError:
        return [], "Swift syntax not checked (pip install tree-sitter tree-sitter-swift)"
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    problems, files = [], 0
    roots = [ROOT / "ios", ROOT / "bindings" / "swift-tests"]
    for folder in roots:
        for source in sorted(folder.rglob("*.swift")):
            if "Generated" in source.parts or ".build" in source.parts:
                continue
            files += 1
            text = source.read_bytes()
            lines = text.decode("utf-8", "replace").splitlines()
            stack = [parser.parse(text).root_node]
            while stack:
                node = stack.pop()
                if node.type == "ERROR" or node.is_missing:
                    line = node.start_point[0] + 1
                    what = f"missing {node.type}" if node.is_missing else "syntax error"
                    problems.append(f"{source.relative_to(ROOT)}:{line}: {what}: {lines[line - 1].strip()[:80]}")
                    continue
                stack.extend(node.children)
    return problems, f"{files} Swift files parsed"


def main():
    generated = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bindings/generated/swift/WardCore.swift"
    if not generated.exists():
        print(f"{generated} is missing: run bindings/generate.sh first", file=sys.stderr)
        return 2
    functions, cases, fields, inits, throwing = parse_generated(generated)
    problems = []

    vault_methods = {"Vault", "VaultProtocol"}
    for signature in EXPECTED_FUNCTIONS:
        owner, name, labels = parse_signature(signature)
        owners = vault_methods if owner == "Vault" else {owner}
        found = set()
        for candidate in owners:
            found |= functions.get((candidate, name), set())
        if labels not in found:
            declared = ", ".join(f"{name}({''.join(l + ':' for l in ls)})" for ls in sorted(found)) or "nothing"
            problems.append(f"{signature}: not in the generated API (it declares {declared})")

    for signature in EXPECTED_CASES:
        match = re.fullmatch(r"(\w+)\.(\w+)(?:\(([^)]*)\))?", signature)
        enum, case, labels = match.group(1), match.group(2), match.group(3)
        expected = tuple(label for label in labels.split(":") if label) if labels is not None else None
        if (enum, case) not in cases:
            problems.append(f"{signature}: no such case")
        elif cases[(enum, case)] != expected:
            problems.append(f"{signature}: the case's fields are {cases[(enum, case)]}")

    for spec in EXPECTED_FIELDS:
        record, names = re.fullmatch(r"(\w+)\{([^}]*)\}", spec).groups()
        if record not in fields:
            problems.append(f"{record}: no such record")
            continue
        for name in names.split(","):
            if name not in fields[record]:
                problems.append(f"{record}.{name}: no such field (it has {sorted(fields[record])})")

    for signature in EXPECTED_INITS:
        record, labels = re.fullmatch(r"(\w+)\(([^)]*)\)", signature).groups()
        expected = tuple(label for label in labels.split(":") if label)
        if expected not in inits.get(record, set()):
            problems.append(f"{signature}: no such initialiser")

    # The app's Vault extension methods are callable like the core's.
    app_functions, app_throwing = app_vault_extensions()
    for key, label_sets in app_functions.items():
        functions.setdefault(key, set()).update(label_sets)
    throwing |= app_throwing

    # Call sites.
    core_names = {}
    for (owner, name), label_sets in functions.items():
        if owner in ("", "Vault", "VaultProtocol", "KeyStore"):
            core_names.setdefault(name, set()).update(label_sets)
    for folder in SOURCES:
        for source in sorted(folder.rglob("*.swift")):
            if "Generated" in source.parts:
                continue
            text = strip_comments(source.read_text())
            for match in re.finditer(r"(?:(\w+)\s*\.\s*)?`?\b(\w+)`?\s*\(", text):
                receiver, name = match.group(1), match.group(2)
                if name not in core_names or re.search(r"\bfunc\s+$", text[:match.start()][-20:]):
                    continue
                if name in COMMON_NAMES and receiver not in VAULT_RECEIVERS:
                    continue
                if name in ("wrap", "unwrap") and receiver != "keyStore":
                    continue
                labels = call_labels(text, match.end() - 1)
                if labels not in core_names[name]:
                    line = text[:match.start()].count("\n") + 1
                    problems.append(
                        f"{source.relative_to(ROOT)}:{line}: {name}({''.join(l + ':' for l in labels)}) "
                        f"does not match the generated {name}"
                    )

    problems += check_vault_methods(functions)
    problems += check_try(functions, throwing)
    problems += check_error_cases(cases)
    problems += check_logic_calls()
    syntax_problems, syntax_note = check_syntax()
    problems += syntax_problems

    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} mismatch(es) with {generated}")
        return 1
    print(f"ios/ matches the generated Swift API ({generated.name}): "
          f"{len(EXPECTED_FUNCTIONS)} functions, {len(EXPECTED_CASES)} enum cases, "
          f"{len(EXPECTED_FIELDS)} records checked; labels, vault methods, `try` and WardError cases "
          f"at every call site in {', '.join(str(s.relative_to(ROOT)) for s in SOURCES)}; {syntax_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
