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
	char *srcarch;		/* its arch/ directory: "x86" for the main tree */
	bool quiet;
	/*
	 * The trees of the other arches whose files the scan parses (arch/arm/mm/...),
	 * each configured the same way for its own ARCH on first use. One that could
	 * not be configured has @failed set (why) and its files get the i386 flags.
	 */
	struct kernel_tree **arches;
	int narches;
	char *failed;
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

/*
 * kbuild's flags for one file of the tree (per-directory ccflags included). A file
 * under another arch's arch/<a>/ gets that arch's flags: the first such .c file
 * configures the tree for ARCH=<a> (kernel_arch_tree()); a header does not, and
 * gets them only when a .c file did. When <a> cannot be configured, the i386 flags.
 */
void kernel_file_flags(struct kernel_tree *kt, const char *file, struct flagset *out);

/*
 * The tree of @kt configured for the other arch @srcarch, configured now if it
 * was not (`make ARCH=<srcarch> LLVM=-19 O=<cache> CONFIG prepare`, once per
 * cache; a failure is remembered there too, so later runs do not pay for it
 * again). The result has ->failed set when it cannot be used.
 */
struct kernel_tree *kernel_arch_tree(struct kernel_tree *kt, const char *srcarch);

/* Free what kernel_prepare() filled in, the other arches' trees included. */
void kernel_tree_free(struct kernel_tree *kt);

/* The flags a compile_commands.json in @dir (or a parent) has for @file, or false. */
struct cx_compdb;
struct cx_compdb *compdb_open(const char *dir);
bool compdb_flags(struct cx_compdb *db, const char *file, struct flagset *out);
void compdb_close(struct cx_compdb *db);

/* Drop what libclang cannot take or does not need (gcc-only options, -Werror, -o). */
void flags_sanitize(struct flagset *fs, const char *file);

/* The first error kbuild's log at @path names ("*** ...", "error: ..."), or NULL. */
char *kbuild_log_error(const char *path);

#endif
