/*
** runtime/unload.c — libmemline's dlclose; see unload.h.
**
** The object is found by its link map (dlinfo) among the loaded objects
** (dl_iterate_phdr: same load address and name), and its PT_LOAD segments
** bound what belongs to it. glibc's dlclose is found once with
** dlsym(RTLD_NEXT); dlsym may allocate, which is fine here: dlclose is not
** called from inside malloc.
*/
#define _GNU_SOURCE
#include "unload.h"
#include "export.h"
#include "records.h"

#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <string.h>

#define MLU_MAX_SEGMENTS 16

struct mlu_object {
    const struct link_map *map;
    unsigned n;
    uintptr_t b[MLU_MAX_SEGMENTS], e[MLU_MAX_SEGMENTS];
};

static int mlu_segments(struct dl_phdr_info *info, size_t size, void *data)
{
    struct mlu_object *o = data;
    const char *name = o->map->l_name ? o->map->l_name : "";
    unsigned i;

    (void)size;
    if (info->dlpi_addr != o->map->l_addr || strcmp(info->dlpi_name ? info->dlpi_name : "", name))
        return 0;
    for (i = 0; i < info->dlpi_phnum && o->n < MLU_MAX_SEGMENTS; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

        if (ph->p_type != PT_LOAD)
            continue;
        o->b[o->n] = info->dlpi_addr + ph->p_vaddr;
        o->e[o->n] = o->b[o->n] + ph->p_memsz;
        o->n++;
    }
    return 1;
}

int mlu_inside(const void *p, void *object)
{
    const struct mlu_object *o = object;
    uintptr_t a = (uintptr_t)p;
    unsigned i;

    for (i = 0; i < o->n; i++)
        if (a >= o->b[i] && a < o->e[i])
            return 1;
    return 0;
}

MEMLINE_EXPORT int dlclose(void *handle)
{
    static int (*real_dlclose)(void *);
    int (*real)(void *) = __atomic_load_n(&real_dlclose, __ATOMIC_ACQUIRE);
    struct link_map *map = NULL;
    struct mlu_object o;

    if (!real) {
        union {
            void *object;
            int (*fn)(void *);
        } symbol;

        /* POSIX guarantees the object-to-function round trip. */
        symbol.object = dlsym(RTLD_NEXT, "dlclose");
        real = symbol.fn;
        __atomic_store_n(&real_dlclose, real, __ATOMIC_RELEASE);
    }
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map) {
        o.map = map;
        o.n = 0;
        dl_iterate_phdr(mlu_segments, &o);
        if (o.n)
            mlrec_detach(mlu_inside, &o);
    }
    return real ? real(handle) : -1;
}
