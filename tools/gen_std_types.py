#!/usr/bin/env python3
"""DEV-ONLY generator of lints/models/std_types.toml (the semantic model's
type data for the standard library).

It reads the rustdoc HTML of std that rustup installs with the `rust-docs`
component and writes, as TOML in the schema of lints/models/types.toml:
free functions and their return types, types (structs, enums, unions,
primitives) with their inherent methods' return types and the traits they
implement (with associated types such as `Item` and `Target`), traits with
their methods and supertraits, type aliases, re-exported spellings, and the
names each module exports (for glob imports).

The output is committed data: a fresh machine needs neither this script nor
the docs. Re-run after a toolchain update:

    python3 tools/gen_std_types.py [path/to/share/doc/rust/html/std] > lints/models/std_types.toml

Only stable items are kept; platform-specific and experimental modules are
skipped.
"""

import html
import os
import re
import sys

DEFAULT = os.path.expanduser("~/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu/share/doc/rust/html/std")
ROOT = sys.argv[1] if len(sys.argv) > 1 else DEFAULT

SKIP_TOP = {
    "arch", "intrinsics", "simd", "autodiff", "f16", "f128", "async_iter", "bstr", "from", "pat", "random",
    "range", "unsafe_binder", "std_float", "assert_matches", "panicking", "prelude",
}
# `std::os`: only the Unix extension traits people import.
OS_KEEP = {"unix", "fd", "raw"}
MARKER_TRAITS = {
    "std::marker::Send", "std::marker::Sync", "std::marker::Unpin", "std::marker::Copy", "std::marker::Sized",
    "std::marker::Freeze", "std::marker::StructuralPartialEq", "std::panic::UnwindSafe",
    "std::panic::RefUnwindSafe", "std::cmp::Eq", "std::marker::UnsafeUnpin",
}
LINKABLE = {"struct", "enum", "trait", "type", "union", "fn", "traitalias", "foreigntype", "primitive", "mod",
            "macro", "constant", "static"}

A_RE = re.compile(r'<a class="(\w+)" href="([^"]*)"(?: title="(\w+) ([^"]+)")?>(.*?)</a>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
SECTION_RE = re.compile(r'<section id="([^"]+)" class="([^"]+)">(.*?)</section>', re.S)
H2_RE = re.compile(r'<h2 id="([^"]+)"')
HEADER_RE = re.compile(r'<h[34] class="code-header">(.*?)</h[34]>', re.S)


def text_of(h):
    """A code header as text, every linked item spelled by its canonical path."""
    h = re.sub(r'<a href="#" class="tooltip"[^>]*>.*?</a>', "", h, flags=re.S)
    h = re.sub(r'<div class="where">.*?</div>', "", h, flags=re.S)

    def rep(m):
        cls, href, kind, path, inner = m.groups()
        if path and cls in LINKABLE and cls != "primitive" and kind != "primitive":
            return path
        return TAG_RE.sub("", inner)

    h = A_RE.sub(rep, h)
    h = TAG_RE.sub("", h)
    h = html.unescape(h)
    return " ".join(h.split())


def balanced(s, i, open_c, close_c):
    """Index just past the bracket group starting at s[i] == open_c."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == open_c:
            depth += 1
        elif c == close_c and not (close_c == ">" and j > 0 and s[j - 1] == "-"):
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(s)


def split_top(s, sep=","):
    out, depth, cur = [], 0, ""
    i = 0
    while i < len(s):
        c = s[i]
        if c in "<([":
            depth += 1
        elif c in ">)]" and not (c == ">" and i > 0 and s[i - 1] == "-"):
            depth -= 1
        if c == sep and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def param_names(generics):
    """`<'a, T: Clone, const N: usize, A = Global>` → ['T', 'N', 'A']."""
    names = []
    for p in split_top(generics[1:-1] if generics.startswith("<") else generics):
        p = p.strip()
        if not p or p.startswith("'"):
            continue
        if p.startswith("const "):
            p = p[6:]
        m = re.match(r"[A-Za-z_]\w*", p)
        if m:
            names.append(m.group(0))
    return names


def fn_sig(text):
    """(name, return type text, is_async, parameter types, generics) of a
    `fn` header (parameters without `self`)."""
    m = re.search(r"\bfn ([A-Za-z_]\w*)", text)
    if not m:
        return None
    is_async = re.search(r"\basync\b", text[: m.start()]) is not None
    i = m.end()
    generics = []
    if i < len(text) and text[i] == "<":
        j = balanced(text, i, "<", ">")
        generics = param_names(text[i:j])
        i = j
    if i >= len(text) or text[i] != "(":
        return None
    j = balanced(text, i, "(", ")")
    params = []
    for part in split_top(text[i + 1: j - 1]):
        if re.match(r"^(&\s*('\w+\s+)?)?(mut\s+)?self\b", part):
            continue
        pm = re.match(r"^\s*(?:mut\s+)?\w+\s*:\s*(.*)$", part)
        params.append(pm.group(1) if pm else "_")
    rest = text[j:].strip()
    ret = "()"
    if rest.startswith("->"):
        ret = rest[2:].strip()
    ret = re.sub(r"\s+where\b.*$", "", ret)
    return m.group(1), ret, is_async, params, generics


def sig_text(sig, type_params, mapping=None):
    """A model entry: the return type, with the parameters' types first
    (`(T) => Arc<T>`) when they bind a generic the return type uses."""
    _, ret, is_async, params, generics = sig
    ret = strip_lifetimes(rename(ret, mapping))
    ret = ("async " if is_async else "") + ret
    ps = [strip_lifetimes(rename(p, mapping)) for p in params]
    names = [n for n in list(type_params) + list(generics) if re.search(r"\b%s\b" % re.escape(n), ret)]
    if any(re.search(r"\b%s\b" % re.escape(n), p) for p in ps for n in names):
        return "(%s) => %s" % (", ".join(ps), ret)
    return ret


def strip_lifetimes(t):
    t = re.sub(r"&'\w+\s+", "&", t)
    t = re.sub(r"'\w+\s*,\s*", "", t)
    t = re.sub(r",\s*'\w+\s*(?=[>,])", "", t)
    t = re.sub(r"<\s*'\w+\s*>", "", t)
    t = re.sub(r"\s*\+\s*'\w+", "", t)
    t = re.sub(r"'\w+\s*\+\s*", "", t)
    return t.strip()


def rename(t, mapping):
    if not mapping:
        return t
    return re.sub(r"\b([A-Z]\w*)\b", lambda m: mapping.get(m.group(1), m.group(1)), t)


class Page:
    def __init__(self, path, kind, text):
        self.path = path
        self.kind = kind
        self.text = text


def module_of(rel_dir):
    parts = [p for p in rel_dir.split(os.sep) if p and p != "."]
    return "::".join(["std"] + parts)


def skipped(rel_dir):
    parts = [p for p in rel_dir.split(os.sep) if p and p != "."]
    if not parts:
        return False
    if parts[0] in SKIP_TOP:
        return True
    if parts[0] == "os" and (len(parts) < 2 or parts[1] not in OS_KEEP):
        return len(parts) >= 2
    return False


def unstable_item(page_html):
    head = page_html.split('<pre class="rust item-decl">', 1)[0]
    return 'class="stab unstable"' in head[-3000:]


def canonical_of(page_html, fname, fallback):
    # Links to the item (from this page or its re-exported copy) carry the
    # canonical path in their title.
    m = re.search(r'href="(?:[./a-z_]*/)?%s" title="\w+ ([^"]+)"' % re.escape(fname), page_html)
    return m.group(1) if m else fallback


def decl_text(page_html):
    m = re.search(r'<pre class="rust item-decl"><code>(.*?)</code></pre>', page_html, re.S)
    return text_of(m.group(1)) if m else ""


def sections(page_html):
    """(h2 id, [(section id, class, inner html, unstable)])."""
    out = []
    bounds = [(m.start(), m.group(1)) for m in H2_RE.finditer(page_html)]
    bounds.append((len(page_html), None))
    for (start, hid), (end, _) in zip(bounds, bounds[1:]):
        chunk = page_html[start:end]
        items = []
        for m in SECTION_RE.finditer(chunk):
            after = chunk[m.end(): m.end() + 300]
            unstable = 'stab unstable' in after.split("<section", 1)[0]
            items.append((m.group(1), m.group(2), m.group(3), unstable))
        out.append((hid, items))
    return out


def header_text(inner):
    m = HEADER_RE.search(inner)
    return text_of(m.group(1)) if m else ""


def parse_impl(text):
    """`impl<..> Trait<..> for Self` → (trait text or None, self text, negative)."""
    t = re.sub(r"^unsafe\s+", "", text)
    if not t.startswith("impl"):
        return None
    t = t[4:]
    if t.startswith("<"):
        t = t[balanced(t, 0, "<", ">"):]
    t = t.strip()
    # split at a top-level " for "
    depth, idx = 0, -1
    for i in range(len(t)):
        c = t[i]
        if c in "<([":
            depth += 1
        elif c in ">)]" and not (c == ">" and i > 0 and t[i - 1] == "-"):
            depth -= 1
        elif depth == 0 and t.startswith(" for ", i):
            idx = i
            break
    if idx < 0:
        return (None, t, False)
    tr, st = t[:idx].strip(), t[idx + 5:].strip()
    neg = tr.startswith("!")
    return (tr.lstrip("!"), st, neg)


def self_args(self_text):
    base = re.sub(r"^&\s*(mut\s+)?", "", strip_lifetimes(self_text))
    i = base.find("<")
    if base.startswith("["):
        inner = base[1:-1]
        return [a.strip() for a in split_top(inner, ";")] if ";" in inner else [inner.strip()]
    if i < 0:
        return []
    return [a for a in split_top(base[i + 1: balanced(base, i, "<", ">") - 1]) if not a.startswith("'")]


def src_key(page_html):
    """Where the item is defined (two pages of one re-exported item share it)."""
    m = re.search(r'<a class="src" href="([^"]+)">Source</a>', page_html)
    return re.sub(r"^(\.\./)+", "", m.group(1)) if m else None


def main():
    types, traits, fns, aliases, paths, globs = {}, {}, {}, {}, {}, {}
    # First pass: every stable item page, grouped by definition.
    pages = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        rel_dir = os.path.relpath(dirpath, ROOT)
        if skipped(rel_dir):
            dirnames[:] = []
            continue
        dirnames.sort()
        module = module_of(rel_dir)
        for fname in sorted(filenames):
            m = re.match(r"(struct|enum|union|trait|fn|type|primitive)\.(\w+)\.html$", fname)
            full = os.path.join(dirpath, fname)
            if fname == "index.html":
                handle_index(open(full, encoding="utf-8").read(), module, globs, paths)
                continue
            if not m:
                continue
            kind, name = m.groups()
            if kind == "primitive" and rel_dir != ".":
                continue
            page = open(full, encoding="utf-8").read()
            if unstable_item(page):
                continue
            loc = name if kind == "primitive" else module + "::" + name
            pages.append((kind, name, loc, src_key(page), page))
    groups = {}
    for p in pages:
        key = (p[0], p[1], p[3] or p[2])
        groups.setdefault(key, []).append(p)
    for key in sorted(groups, key=lambda k: (k[0], k[1], k[2])):
        group = groups[key]
        kind, name = key[0], key[1]
        locs = sorted({p[2] for p in group}, key=lambda l: (l.count("::"), l))
        # The canonical path: the one rustdoc's own links use, else the
        # shortest spelling.
        canon = locs[0]
        for p in group:
            m = re.search(r'href="%s\.%s\.html" title="\w+ ([^"]+)"' % (kind, name), p[4])
            if m:
                c = m.group(1)
                if c.startswith(("core::", "alloc::")):
                    c = "std::" + c.split("::", 1)[1]
                if c in locs:
                    canon = c
                    break
        for l in locs:
            if l != canon:
                paths[l] = canon
        page = group[0][4]
        if kind == "fn":
            sig = fn_sig(decl_text(page))
            if sig and canon not in fns:
                fns[canon] = sig_text(sig, [])
        elif kind == "type":
            d = decl_text(page)
            mm = re.match(r"pub type (\w+)(<[^=]*>)?\s*=\s*(.*?);?$", d)
            if mm:
                params = param_names(mm.group(2) or "")
                key2 = canon + ("<%s>" % ", ".join(params) if params else "")
                aliases[key2] = strip_lifetimes(mm.group(3))
        elif kind == "trait":
            if canon not in traits:
                traits[canon] = handle_trait(page)
        elif canon not in types:
            types[canon] = handle_type(page, kind, name)
    # Glob re-exports: the module exports what the target exports, under
    # its own name too.
    for module, targets in sorted(GLOB_REEXPORTS.items()):
        names = set(globs.get(module, []))
        for t in targets:
            for item in globs.get(t, []):
                names.add(item)
                here = module + "::" + item.rsplit("::", 1)[-1]
                if here != item:
                    paths.setdefault(here, item)
        if names:
            globs[module] = sorted(names)
    # Marker traits and traits without methods say nothing about calls.
    useful = {t for t, d in traits.items() if d["methods"] or d["assoc"]}
    for t in types.values():
        if t is None:
            continue
        t["impls"] = [i for i in t["impls"] if trait_path(i) in useful]
    emit(types, traits, fns, aliases, paths, globs)


def trait_path(impl_text):
    t = impl_text.lstrip("&").replace("mut ", "", 1) if impl_text.startswith("&mut ") else impl_text.lstrip("&")
    return t.split("<", 1)[0].strip()


GLOB_REEXPORTS = {}


def handle_index(page, module, globs, paths):
    names = []
    for m in re.finditer(r'<dt(?: id="reexport\.(\w+)")?>(.*?)</dt>', page, re.S):
        dt = m.group(2)
        if 'stab unstable' in dt:
            continue
        a = re.search(r'<a class="(\w+)" href="[^"]*" title="(\w+) ([^"]+)">', dt)
        if not a or a.group(1) not in ("struct", "enum", "trait", "fn", "type", "union", "mod", "constant",
                                        "static", "macro"):
            continue
        target = a.group(3)
        if target.startswith(("core::", "alloc::")):
            target = "std::" + target.split("::", 1)[1]
        name = target.rsplit("::", 1)[-1]
        if a.group(1) == "macro":
            continue
        if a.group(1) == "mod" and "::*;" in TAG_RE.sub("", dt):
            # `pub use crate::os::fd::*;`: everything of that module.
            GLOB_REEXPORTS.setdefault(module, []).append(target)
            continue
        names.append(target)
        here = module + "::" + name
        if here != target and m.group(1):
            paths[here] = target
    if names:
        globs[module] = sorted(set(names))


def handle_trait(page):
    decl = decl_text(page)
    params, supers = [], []
    mm = re.match(r"pub (?:unsafe )?trait (\w+)", decl)
    if mm:
        rest = decl[mm.end():]
        if rest.startswith("<"):
            end = balanced(rest, 0, "<", ">")
            params = param_names(rest[:end])
            rest = rest[end:]
        rest = rest.strip()
        if rest.startswith(":"):
            bound = re.split(r"\s*(?:\{|\bwhere\b)", rest[1:], maxsplit=1)[0]
            for b in split_top(bound, "+"):
                b = strip_lifetimes(b.strip().lstrip("?"))
                if b and not b.startswith("'") and b != "Sized" and "::" in b:
                    supers.append(b)
    methods, assoc = {}, []
    for hid, items in sections(page):
        if hid in ("implementors", "foreign-impls", "synthetic-implementors", "object-safety", "dyn-compatibility"):
            break
        for sid, cls, inner, unstable in items:
            if unstable:
                continue
            if sid.startswith(("tymethod.", "method.")):
                sig = fn_sig(header_text(inner))
                if sig and sig[0] not in methods:
                    methods[sig[0]] = sig_text(sig, params)
            elif sid.startswith("associatedtype."):
                assoc.append(sid.split(".", 1)[1])
    return {"params": params, "supers": supers, "methods": methods, "assoc": assoc}


PRIM_PARAMS = {"slice": ["T"], "array": ["T", "N"]}
PRIM_SKIP = {"reference", "pointer", "tuple", "fn", "unit", "never"}


def handle_type(page, kind, name):
    if kind == "primitive":
        if name in PRIM_SKIP:
            return None
        params = PRIM_PARAMS.get(name, [])
    fields = {}
    if kind != "primitive":
        decl = re.sub(r"^(#\[[^\]]*\]\s*)+", "", decl_text(page))
        mm = re.match(r"pub (?:struct|enum|union) (\w+)", decl)
        params = []
        rest = decl[mm.end():] if mm else ""
        if rest.startswith("<"):
            end = balanced(rest, 0, "<", ">")
            params = param_names(rest[:end])
            rest = rest[end:]
        rest = re.sub(r"^\s*where\b[^{(]*", "", rest).strip()
        # Public fields: `(pub T)` or `{ pub name: T, }`.
        if kind == "struct" and rest and rest[0] in "({":
            close = ")" if rest[0] == "(" else "}"
            body = rest[1: balanced(rest, 0, rest[0], close) - 1]
            for i, f in enumerate(split_top(body)):
                fm = re.match(r"^pub (?:(\w+)\s*:\s*)?(.*)$", f.strip())
                if fm and (fm.group(1) or rest[0] == "("):
                    fields[fm.group(1) or str(i)] = strip_lifetimes(fm.group(2))
    methods, impls, variants = {}, [], {}
    for hid, items in sections(page):
        if hid is None:
            continue
        for sid, cls, inner, unstable in items:
            if cls == "variant" and not unstable:
                h = header_text(inner)
                vm = re.match(r"(\w+)(?:\((.*)\))?", h)
                if vm:
                    tys = [strip_lifetimes(t) for t in split_top(vm.group(2))] if vm.group(2) else []
                    variants[vm.group(1)] = tys
        inherent = hid == "implementations"
        traitimpl = hid in ("trait-implementations", "synthetic-implementations", "blanket-implementations")
        if not (inherent or traitimpl):
            continue
        cur = None  # (trait text, self text, mapping, ref prefix)
        assoc = []

        def flush():
            if cur and cur[0] is not None:
                tr = strip_lifetimes(rename(cur[0], cur[2]))
                binds = ", ".join("%s = %s" % (k, v) for k, v in assoc)
                if binds:
                    tr = tr[:-1] + ", " + binds + ">" if tr.endswith(">") else tr + "<" + binds + ">"
                impls.append(cur[3] + tr)

        for sid, cls, inner, unstable in items:
            if cls == "impl":
                flush()
                assoc = []
                cur = None
                if unstable:
                    continue
                p = parse_impl(header_text(inner))
                if not p or p[2]:
                    continue
                tr, st, _ = p
                if inherent and tr is not None:
                    continue
                st_clean = strip_lifetimes(st)
                prefix = ""
                if st_clean.startswith("&mut "):
                    prefix = "&mut "
                elif st_clean.startswith("&"):
                    prefix = "&"
                blanket = re.fullmatch(r"&?(mut )?[A-Z]\w*", st_clean) is not None and not st_clean.lstrip("&").startswith(name)
                mapping = {}
                if blanket:
                    # `impl<T: Clone> ToOwned for T { type Owned = T }`: T is Self.
                    mapping[re.sub(r"^&?(mut )?", "", st_clean)] = "Self"
                else:
                    for i, a in enumerate(self_args(st)):
                        if i < len(params) and re.fullmatch(r"[A-Z]\w*", a) and a != params[i]:
                            mapping[a] = params[i]
                cur = (tr, st, mapping, prefix if not blanket else "")
            elif cur is not None and not unstable:
                h = header_text(inner)
                if cls.startswith("associatedtype") and cur[0] is not None:
                    am = re.match(r"type (\w+)(?:<[^=]*>)? = (.*)$", h)
                    if am and am.group(1) in ("Item", "Target", "Output", "Err", "Error", "IntoIter", "Owned"):
                        assoc.append((am.group(1), strip_lifetimes(rename(am.group(2), cur[2]))))
                elif cls.startswith("method") and inherent and cur[0] is None:
                    sig = fn_sig(h)
                    if sig and sig[0] not in methods:
                        methods[sig[0]] = sig_text(sig, params, cur[2])
        flush()
    # One entry per trait (and receiver form): which `From<X>` or
    # `PartialEq<Y>` says nothing about what their methods return.
    seen, uniq = set(), []
    for i in impls:
        prefix = "&mut " if i.startswith("&mut ") else ("&" if i.startswith("&") else "")
        key = (prefix, trait_path(i))
        if key[1] in MARKER_TRAITS or key in seen:
            continue
        seen.add(key)
        uniq.append(i)
    return {"params": params, "methods": methods, "impls": uniq, "fields": fields, "variants": variants}


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit(types, traits, fns, aliases, paths, globs):
    w = sys.stdout.write
    w("# GENERATED by tools/gen_std_types.py from the rustdoc of std 1.95.0: do not edit by hand.\n")
    w("# Schema: see the header of lints/models/types.toml.\n\n")
    w("[paths]\n")
    for k in sorted(paths):
        w("%s = %s\n" % (q(k), q(paths[k])))
    w("\n[aliases]\n")
    for k in sorted(aliases):
        w("%s = %s\n" % (q(k), q(aliases[k])))
    w("\n[fns]\n")
    for k in sorted(fns):
        w("%s = %s\n" % (q(k), q(fns[k])))
    w("\n[globs]\n")
    for k in sorted(globs):
        w("%s = [%s]\n" % (q(k), ", ".join(q(x) for x in globs[k])))
    for k in sorted(traits):
        t = traits[k]
        if not t["methods"] and not t["assoc"]:
            continue
        key = k + ("<%s>" % ", ".join(t["params"]) if t["params"] else "")
        w("\n[traits.%s]\n" % q(key))
        if t["supers"]:
            w("supertraits = [%s]\n" % ", ".join(q(s) for s in t["supers"]))
        if t["methods"]:
            w("methods = { %s }\n" % ", ".join("%s = %s" % (mk, q(mv)) for mk, mv in sorted(t["methods"].items())))
    for k in sorted(types):
        t = types[k]
        if t is None:
            continue
        key = k + ("<%s>" % ", ".join(t["params"]) if t["params"] else "")
        w("\n[types.%s]\n" % q(key))
        if t["impls"]:
            w("impls = [%s]\n" % ", ".join(q(i) for i in t["impls"]))
        if t["methods"]:
            w("methods = { %s }\n" % ", ".join("%s = %s" % (mk, q(mv)) for mk, mv in sorted(t["methods"].items())))
        if t["fields"]:
            w("fields = { %s }\n" % ", ".join("%s = %s" % (q(fk) if fk.isdigit() else fk, q(fv)) for fk, fv in sorted(t["fields"].items())))
        if t["variants"]:
            w("variants = { %s }\n" % ", ".join(
                "%s = [%s]" % (vk, ", ".join(q(x) for x in vv)) for vk, vv in sorted(t["variants"].items())))


if __name__ == "__main__":
    main()
