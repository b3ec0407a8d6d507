/*
 * isnad_plugin.h -- the C ABI of isnad stage plugins (ABI version 1).
 *
 * A plugin is a shared library exporting exactly two functions:
 *
 *     uint32_t isnad_plugin_abi_version(void);            // must return ISNAD_PLUGIN_ABI_VERSION
 *     const IsnadPluginVTable *isnad_plugin_vtable(void); // a static table, never freed
 *
 * The host calls isnad_plugin_abi_version() first and loads nothing else unless it returns the
 * version the host speaks. Libraries are never unloaded.
 *
 * DATA: only UTF-8 JSON crosses the boundary.
 *   - info:    {"name": "...", "version": "...", "description": "...",
 *               "requires": ["quotes"], "reads": ["timexes"], "provides": ["my-layer"],
 *               "config_schema": {...JSON Schema, optional...}}
 *   - create:  the stage's `config` table from the pipeline file, as a JSON object ({} if none).
 *   - process: in, the document: {"id", "text", "meta", "layers"} where layers holds only what
 *              the plugin named in requires/reads; out, a patch object whose fields are all
 *              optional: {"claim_ext": {"c1": {"field": value}}, "extensions": {"my-layer": value},
 *              "meta": {...}, "claims": [...], "mentions": [...], "entities": [...],
 *              "timexes": [...]}. Spans are BYTE offsets {"start": s, "end": e} into "text".
 *              The host checks every span and rejects the whole patch if one does not fit.
 *
 * OWNERSHIP: whoever allocates frees.
 *   - Input pointers (config, doc) belong to the host and are valid only during the call.
 *   - Every IsnadBuf the plugin writes into an `out` parameter (result or error message) is
 *     allocated by the plugin (malloc, or anything) and handed back exactly once through
 *     free_buf, whatever the status. {NULL, 0} is a valid empty buffer and free_buf must accept it.
 *
 * STATUS: ISNAD_OK (0) success; ISNAD_ERROR (1) failure, `out` holds a UTF-8 message;
 * ISNAD_PANIC (2) a crash caught at the boundary (C++: catch (...) in every entry point).
 * Nothing may unwind (longjmp, C++ exceptions) out of an entry point.
 *
 * THREADS: the host calls process() on ONE instance from SEVERAL THREADS AT ONCE. Keep the
 * instance read-only after create(), or protect mutable state with a lock or atomics. info,
 * create and destroy are never called concurrently with process on the same instance.
 */
#ifndef ISNAD_PLUGIN_H
#define ISNAD_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ISNAD_PLUGIN_ABI_VERSION 1u

typedef int32_t IsnadStatus;
#define ISNAD_OK 0
#define ISNAD_ERROR 1
#define ISNAD_PANIC 2

/* Bytes owned by the plugin that allocated them; returned through free_buf. */
typedef struct IsnadBuf {
    uint8_t *ptr; /* may be NULL when len == 0 */
    size_t len;
} IsnadBuf;

typedef struct IsnadPluginVTable {
    /* Writes the info JSON into *out. */
    IsnadStatus (*info)(IsnadBuf *out);
    /* Builds an instance from config JSON; on error writes the message into *out. A stateless
     * plugin may leave *instance NULL: process then gets NULL and destroy is not called. */
    IsnadStatus (*create)(const uint8_t *config, size_t config_len, void **instance, IsnadBuf *out);
    /* Processes one document JSON; writes the patch JSON (or an error message) into *out.
     * Called concurrently from several threads. */
    IsnadStatus (*process)(void *instance, const uint8_t *doc, size_t doc_len, IsnadBuf *out);
    /* Frees an instance; called once, after every process call on it returned. */
    void (*destroy)(void *instance);
    /* Frees a buffer this plugin wrote into an out parameter. */
    void (*free_buf)(IsnadBuf buf);
} IsnadPluginVTable;

/* Marks the two exported functions visible (also under -fvisibility=hidden, and on Windows). */
#if defined(_WIN32)
#define ISNAD_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define ISNAD_EXPORT __attribute__((visibility("default")))
#else
#define ISNAD_EXPORT
#endif

ISNAD_EXPORT uint32_t isnad_plugin_abi_version(void);
ISNAD_EXPORT const IsnadPluginVTable *isnad_plugin_vtable(void);

#ifdef __cplusplus
}
#endif

#endif /* ISNAD_PLUGIN_H */
