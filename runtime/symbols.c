/*
** runtime/symbols.c — variables by address (symbols.h), from the ELF
** symbol tables of the object's file, mapped read-only for the lookup.
*/
#define _GNU_SOURCE
#include "symbols.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct mlsy_found {
    const char *name, *file;
    int local;
};

static const char *mlsy_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Searches the table of section `s` for the symbol covering off. */
static int mlsy_search(const unsigned char *image, size_t length, const ElfW(Shdr) * sections,
                       unsigned nsections, unsigned s, uintptr_t off, struct mlsy_found *found)
{
    const ElfW(Shdr) *table = &sections[s], *strings;
    const ElfW(Sym) * syms;
    const char *names, *file = NULL;
    size_t n, i;

    if (table->sh_link >= nsections || table->sh_offset + table->sh_size > length)
        return 0;
    strings = &sections[table->sh_link];
    if (strings->sh_offset + strings->sh_size > length || table->sh_entsize != sizeof *syms)
        return 0;
    syms = (const ElfW(Sym) *)(const void *)(image + table->sh_offset);
    names = (const char *)image + strings->sh_offset;
    n = table->sh_size / sizeof *syms;
    for (i = 0; i < n; i++) {
        const ElfW(Sym) *sym = &syms[i];
        int type = ELF64_ST_TYPE(sym->st_info);

        if (sym->st_name >= strings->sh_size)
            continue;
        if (type == STT_FILE) {
            file = names + sym->st_name;
            continue;
        }
        if (type != STT_OBJECT || sym->st_shndx == SHN_UNDEF)
            continue;
        if (off >= sym->st_value &&
            (off < sym->st_value + sym->st_size || (sym->st_size == 0 && off == sym->st_value))) {
            found->local = ELF64_ST_BIND(sym->st_info) == STB_LOCAL;
            found->name = names + sym->st_name;
            found->file = found->local ? file : NULL;
            return 1;
        }
    }
    return 0;
}

void mlsy_name(const char *object, uintptr_t base, uintptr_t word, char *buf, size_t size)
{
    const char *path = object[0] ? object : "/proc/self/exe";
    const char *shown = object[0] ? mlsy_basename(object) : program_invocation_short_name;
    struct mlsy_found found = {NULL, NULL, 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    void *map = MAP_FAILED;

    if (fd >= 0 && fstat(fd, &st) == 0 && (size_t)st.st_size >= sizeof(ElfW(Ehdr)))
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (fd >= 0)
        close(fd);
    if (map != MAP_FAILED) {
        const unsigned char *image = map;
        const ElfW(Ehdr) *eh = map;
        size_t length = (size_t)st.st_size;

        if (memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_shentsize == sizeof(ElfW(Shdr)) &&
            eh->e_shoff + (size_t)eh->e_shnum * sizeof(ElfW(Shdr)) <= length) {
            const ElfW(Shdr) *sections = (const ElfW(Shdr) *)(const void *)(image + eh->e_shoff);
            int pass;
            unsigned s;

            /* .symtab first: it also has the statics. */
            for (pass = 0; pass < 2 && !found.name; pass++)
                for (s = 0; s < eh->e_shnum && !found.name; s++)
                    if (sections[s].sh_type == (pass ? SHT_DYNSYM : SHT_SYMTAB))
                        mlsy_search(image, length, sections, eh->e_shnum, s, word - base, &found);
        }
        if (found.name)
            snprintf(buf, size, "%s '%s' (%s)", found.local ? "static" : "global", found.name,
                     found.file ? found.file : shown);
        munmap(map, length);
    }
    if (!found.name)
        snprintf(buf, size, "data of %s", shown);
}
