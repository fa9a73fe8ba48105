/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pch.h - one precompiled <linux/highmem.h> (and common headers) shared by the files of a scan.
 *
 * Every file that calls the mapping API includes <linux/highmem.h>, and with
 * it about 500 headers (linux/mm.h, linux/fs.h, ...): most of each parse. A
 * scan precompiles that header once per set of flags that can change it (all
 * flags but the per-file kbuild names and the per-directory -I options that
 * come after the common ones) and parses each file with -include-pch.
 *
 * The PCH also holds the kernel headers those files include most after it (see
 * pch.c), where the tree has them; when one does not build, <linux/highmem.h> alone.
 *
 * A file parses as if it included those headers first. That is the same
 * parse unless the file defines a macro the headers test before it includes
 * them, so a file with a #define or #undef before its last #include (other
 * than the printk prefixes pr_fmt/dev_fmt, which the headers only expand at
 * the call) is parsed without it, and so is any file whose parse with it
 * reports an error: that file is parsed again without.
 */
#ifndef KMAPCHECK_PCH_H
#define KMAPCHECK_PCH_H

#include <stdbool.h>
#include <stddef.h>

#include "flags.h"

#define PCH_HEADER "linux/highmem.h"
/* A scan that parses fewer files builds no PCH: building one costs more than it saves. */
#define PCH_MIN_FILES 3
/*
 * Nor a variant (a set of flags: -DDEBUG in one directory...) that fewer files would use:
 * they parse without one. Measured on fs/ext4 and fs/btrfs of linux 6.1 (13 files): a
 * build takes 1.5 s, a file parses 0.45 s faster with it, so it pays from about 3 files.
 * Linux 6.1 has 8 variants: 227 and 88 files, then 7, 3 and four of 1.
 */
#define PCH_MIN_VARIANT_FILES PCH_MIN_FILES

/* How many common headers the PCH holds after <linux/highmem.h> (see pch.c). */
int pch_ncommon_headers(void);

struct pch_ctx {
	char *dir;		/* this run's directory of PCH files; NULL = no PCH */
	char **common_inc;	/* the -I directories every kernel file has first, in order */
	int ncommon_inc;
	bool have_common;	/* common_inc was set from a first file */
	int built, failed;	/* in the parent: read back from dir at the end */
	int reduced;		/* of the built: <linux/highmem.h> alone (a common header failed) */
	int skipped;		/* variants not built: too few files (pch_plan()) */
	char *why_failed;	/* the first failed variant's reason, read back by pch_fini() */
	char *why_reduced;	/* the first reduced variant's reason (the caller frees both) */
};

/* Start: a fresh directory under @parent (the cache), or none when it cannot be made. */
void pch_init(struct pch_ctx *p, const char *parent);
/* Remove the directory and its files. */
void pch_fini(struct pch_ctx *p);

/*
 * After pch_note_flags() for every file: the variants fewer than PCH_MIN_VARIANT_FILES
 * of @fss would use are not built (building one costs more than it saves them).
 */
void pch_plan(struct pch_ctx *p, const struct flagset *const *fss, int n);

/* Does @fs come from kbuild or compile_commands.json (the flags a PCH is made for)? */
bool pch_wanted(const struct flagset *fs);
/* Fold @fs's -I list into the common prefix (call for every file before the jobs). */
void pch_note_flags(struct pch_ctx *p, const struct flagset *fs);

/*
 * Why @text (a main file) must be parsed without the PCH, or NULL when it may
 * be parsed with it: a #define or #undef before its last #include.
 */
const char *pch_text_refuses(const char *text, size_t len);

/*
 * In a job: the PCH for @fs, built by the first job that needs it (under a
 * lock, by @build), or NULL when there is none or it could not be built. On
 * success *@argv and *@argc are @fs's flags to parse with it (-include-pch first,
 * the -include options the PCH holds left out); free with free() (the strings
 * are @fs's and the returned path's).
 */
typedef bool (*pch_build_fn)(const char *const *args, int nargs, const char *header,
			     const char *out, char **err);
char *pch_for(const struct pch_ctx *p, const struct flagset *fs, pch_build_fn build,
	      const char ***argv, int *argc);

#endif
