/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flags.h - the compiler flags each file is parsed with.
 *
 * Three sources, in order: a compile_commands.json (through libclang's
 * CXCompilationDatabase), kbuild's own flags for a kernel tree (a configured
 * out-of-tree build directory in the cache, never the user's tree), or the flags
 * given after `--` on the command line.
 */
#ifndef KMAPCHECK_FLAGS_H
#define KMAPCHECK_FLAGS_H

#include <stdbool.h>

#include "util.h"

struct flagset {
	char **argv;
	int argc;
	char *working_dir;	/* may be NULL */
	char *origin;		/* "compile_commands.json", "kbuild", "command line" */
};

void flagset_free(struct flagset *fs);
void flagset_add(struct flagset *fs, const char *arg);
/* A hash of the flags, for the store: same file + same flags = same result. */
uint64_t flagset_hash(const struct flagset *fs);

/* A kernel tree prepared for parsing. */
struct kernel_tree {
	char *root;		/* absolute source tree */
	char *build;		/* the configured output directory (O=) */
	char *config;		/* defconfig, allmodconfig, ... */
	char *version;		/* "6.1.192" from the Makefile */
	struct flagset base;	/* kbuild's c_flags without the per-file part */
	char **modules;		/* sorted CONFIG_ names set to m in .config */
	int nmodules;
};

/* The arch/ directory of the configuration kmapcheck prepares (ARCH=i386). */
#define KERNEL_ARCH_DIR "x86"
/* Is @rel (relative to a kernel root) in arch/<a> for another <a> than KERNEL_ARCH_DIR? */
bool kernel_other_arch(const char *rel);
/*
 * Is @rel (relative to a kernel root) tools/, the user-space programs (perf, selftests)
 * kbuild never compiles as kernel code? They do not call the kernel's mapping API and do
 * not parse with its flags; a scan of the root skips them, a scan naming them does not.
 */
#define KERNEL_USER_SPACE_DIR "tools"
bool kernel_user_space(const char *rel);

/* Is @dir the root of a kernel source tree? */
bool kernel_is_root(const char *dir);
/* The kernel root that contains @path, or NULL. */
char *kernel_find_root(const char *path);

/**
 * kernel_prepare - configure @root for i386 with HIGHMEM in a cache directory.
 * @build_dir: use this directory for O=, or NULL for the cache.
 * Runs `make ARCH=i386 O=... CONFIG prepare` once; later runs reuse it.
 * Returns false with @err set when it cannot.
 */
bool kernel_prepare(const char *root, const char *config, const char *build_dir,
		    bool quiet, struct kernel_tree *kt, char **err);

/* kbuild's flags for one file of the tree (per-directory ccflags included). */
void kernel_file_flags(const struct kernel_tree *kt, const char *file, struct flagset *out);

/* The flags a compile_commands.json in @dir (or a parent) has for @file, or false. */
struct cx_compdb;
struct cx_compdb *compdb_open(const char *dir);
bool compdb_flags(struct cx_compdb *db, const char *file, struct flagset *out);
void compdb_close(struct cx_compdb *db);

/* Drop what libclang cannot take or does not need (gcc-only options, -Werror, -o). */
void flags_sanitize(struct flagset *fs, const char *file);

#endif
