/*
 * length-tagger: an isnad plugin written in C, to show the ABI is language-neutral.
 *
 * It tags each document with its length in UTF-8 bytes and in characters (code points) and a
 * class, "short", "medium" or "long", by character count. Config (all optional):
 *     { "short": 1500, "long": 6000 }   -- short below `short` chars, long from `long` chars on
 *
 * Output, in the `doc-length` extension layer:
 *     {"bytes": 5120, "chars": 2870, "class": "medium"}
 *
 * Build:  cc -std=c99 -O2 -shared -fPIC -I crates/isnad-plugin/include \
 *            -o liblength_tagger.so plugins/c-example/length_tagger.c
 *
 * Thread safety: the instance is read-only after create(), and process() keeps all its state on
 * the stack, so concurrent calls are safe. It needs no layers, so it requires and reads nothing:
 * the host sends only id, text and meta.
 */
#include "isnad_plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double short_below;
    double long_from;
} Tagger;

/* ---- buffers: allocated with malloc here, freed with free in free_buf ---- */

static IsnadStatus reply(IsnadBuf *out, IsnadStatus status, const char *text) {
    size_t len = strlen(text);
    uint8_t *p = malloc(len ? len : 1);
    if (!p) {
        out->ptr = NULL;
        out->len = 0;
        return ISNAD_ERROR;
    }
    memcpy(p, text, len);
    out->ptr = p;
    out->len = len;
    return status;
}

static void free_buf(IsnadBuf buf) { free(buf.ptr); }

/* ---- a minimal JSON reader: just enough to walk objects and measure strings ---- */

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
} Cursor;

static void ws(Cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int hex4(Cursor *c, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (c->p >= c->end) return 0;
        uint8_t h = *c->p++;
        v <<= 4;
        if (h >= '0' && h <= '9') v |= h - '0';
        else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
        else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
        else return 0;
    }
    *out = v;
    return 1;
}

/* Reads a string at the cursor. Counts its decoded UTF-8 bytes and code points, and copies up
 * to cap-1 raw bytes into `copy` (NUL-terminated) when given. Returns 0 on malformed input. */
static int string(Cursor *c, size_t *bytes, size_t *chars, char *copy, size_t cap) {
    size_t nb = 0, nc = 0, ncopy = 0;
    ws(c);
    if (c->p >= c->end || *c->p != '"') return 0;
    c->p++;
    while (c->p < c->end && *c->p != '"') {
        uint8_t b = *c->p++;
        if (copy && ncopy + 1 < cap) copy[ncopy++] = (char)b;
        if (b != '\\') {
            nb++;
            if ((b & 0xC0) != 0x80) nc++; /* not a continuation byte: a new code point */
            continue;
        }
        if (c->p >= c->end) return 0;
        uint8_t e = *c->p++;
        if (e != 'u') {
            if (!strchr("\"\\/bfnrt", e)) return 0;
            nb++;
            nc++;
            continue;
        }
        unsigned cp;
        if (!hex4(c, &cp)) return 0;
        if (cp >= 0xD800 && cp <= 0xDBFF && c->end - c->p >= 6 && c->p[0] == '\\' && c->p[1] == 'u') {
            Cursor look = {c->p + 2, c->end};
            unsigned lo;
            if (hex4(&look, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                c->p = look.p;
                nb += 4;
                nc++;
                continue;
            }
        }
        nb += cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
        nc++;
    }
    if (c->p >= c->end) return 0;
    c->p++; /* closing quote */
    if (copy && cap) copy[ncopy] = 0;
    if (bytes) *bytes = nb;
    if (chars) *chars = nc;
    return 1;
}

/* Skips any JSON value. */
static int skip(Cursor *c, int depth) {
    ws(c);
    if (c->p >= c->end || depth > 128) return 0;
    uint8_t b = *c->p;
    if (b == '"') return string(c, NULL, NULL, NULL, 0);
    if (b == '{' || b == '[') {
        uint8_t close = b == '{' ? '}' : ']';
        c->p++;
        ws(c);
        if (c->p < c->end && *c->p == close) {
            c->p++;
            return 1;
        }
        for (;;) {
            if (b == '{') {
                if (!string(c, NULL, NULL, NULL, 0)) return 0;
                ws(c);
                if (c->p >= c->end || *c->p++ != ':') return 0;
            }
            if (!skip(c, depth + 1)) return 0;
            ws(c);
            if (c->p >= c->end) return 0;
            if (*c->p == ',') {
                c->p++;
                continue;
            }
            if (*c->p++ == close) return 1;
            return 0;
        }
    }
    /* number, true, false, null */
    const uint8_t *start = c->p;
    while (c->p < c->end && !strchr(",}] \t\r\n", *c->p)) c->p++;
    return c->p > start;
}

/* Calls `member` for each key of the object at the cursor; it must consume the value.
 * Returns 0 on malformed input or when `member` returns 0. */
typedef int (*MemberFn)(Cursor *c, const char *key, void *ctx);

static int object(Cursor *c, MemberFn member, void *ctx) {
    ws(c);
    if (c->p >= c->end || *c->p++ != '{') return 0;
    ws(c);
    if (c->p < c->end && *c->p == '}') {
        c->p++;
        return 1;
    }
    for (;;) {
        char key[64];
        if (!string(c, NULL, NULL, key, sizeof key)) return 0;
        ws(c);
        if (c->p >= c->end || *c->p++ != ':') return 0;
        if (!member(c, key, ctx)) return 0;
        ws(c);
        if (c->p >= c->end) return 0;
        if (*c->p == ',') {
            c->p++;
            continue;
        }
        return *c->p++ == '}';
    }
}

/* ---- entry points ---- */

static const char INFO[] =
    "{\"name\":\"length-tagger\",\"version\":\"0.1.0\","
    "\"description\":\"tags each document with its length and a short/medium/long class (written in C)\","
    "\"requires\":[],\"provides\":[\"doc-length\"],"
    "\"config_schema\":{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
    "\"short\":{\"type\":\"number\",\"description\":\"Documents with fewer characters are short.\",\"default\":1500},"
    "\"long\":{\"type\":\"number\",\"description\":\"Documents with at least this many characters are long.\",\"default\":6000}}}}";

static IsnadStatus info(IsnadBuf *out) { return reply(out, ISNAD_OK, INFO); }

typedef struct {
    Tagger *t;
    char error[160];
} ConfigCtx;

static int config_member(Cursor *c, const char *key, void *vctx) {
    ConfigCtx *ctx = vctx;
    double *slot = strcmp(key, "short") == 0 ? &ctx->t->short_below
                 : strcmp(key, "long") == 0  ? &ctx->t->long_from
                                             : NULL;
    if (!slot) {
        snprintf(ctx->error, sizeof ctx->error, "unknown field '%s' (expected 'short' or 'long')", key);
        return 0;
    }
    ws(c);
    char number[64];
    size_t n = 0;
    while (c->p < c->end && n + 1 < sizeof number && strchr("+-.0123456789eE", *c->p)) number[n++] = (char)*c->p++;
    number[n] = 0;
    char *endp;
    double v = strtod(number, &endp);
    if (n == 0 || *endp != 0 || v < 0) {
        snprintf(ctx->error, sizeof ctx->error, "'%s' must be a non-negative number", key);
        return 0;
    }
    *slot = v;
    return 1;
}

static IsnadStatus create(const uint8_t *config, size_t config_len, void **instance, IsnadBuf *out) {
    Tagger t = {1500, 6000};
    ConfigCtx ctx = {&t, ""};
    Cursor c = {config, config + config_len};
    if (config_len > 0 && !object(&c, config_member, &ctx)) {
        return reply(out, ISNAD_ERROR, ctx.error[0] ? ctx.error : "config must be a JSON object");
    }
    if (t.short_below >= t.long_from) {
        snprintf(ctx.error, sizeof ctx.error, "'short' (%g) must be below 'long' (%g)", t.short_below, t.long_from);
        return reply(out, ISNAD_ERROR, ctx.error);
    }
    Tagger *heap = malloc(sizeof *heap);
    if (!heap) return reply(out, ISNAD_ERROR, "out of memory");
    *heap = t;
    *instance = heap;
    return ISNAD_OK;
}

typedef struct {
    int found;
    size_t bytes, chars;
} DocCtx;

static int doc_member(Cursor *c, const char *key, void *vctx) {
    DocCtx *ctx = vctx;
    if (strcmp(key, "text") == 0) {
        ctx->found = 1;
        return string(c, &ctx->bytes, &ctx->chars, NULL, 0);
    }
    return skip(c, 0);
}

static IsnadStatus process(void *instance, const uint8_t *doc, size_t doc_len, IsnadBuf *out) {
    const Tagger *t = instance;
    DocCtx ctx = {0, 0, 0};
    Cursor c = {doc, doc + doc_len};
    if (!object(&c, doc_member, &ctx)) return reply(out, ISNAD_ERROR, "length-tagger: unreadable document JSON");
    if (!ctx.found) return reply(out, ISNAD_ERROR, "length-tagger: document has no text");
    const char *class = (double)ctx.chars < t->short_below ? "short"
                      : (double)ctx.chars >= t->long_from ? "long"
                                                         : "medium";
    char patch[160];
    snprintf(patch, sizeof patch,
             "{\"extensions\":{\"doc-length\":{\"bytes\":%zu,\"chars\":%zu,\"class\":\"%s\"}}}",
             ctx.bytes, ctx.chars, class);
    return reply(out, ISNAD_OK, patch);
}

static void destroy(void *instance) { free(instance); }

static const IsnadPluginVTable VTABLE = {info, create, process, destroy, free_buf};

ISNAD_EXPORT uint32_t isnad_plugin_abi_version(void) { return ISNAD_PLUGIN_ABI_VERSION; }

ISNAD_EXPORT const IsnadPluginVTable *isnad_plugin_vtable(void) { return &VTABLE; }
