/* SPDX-License-Identifier: GPL-2.0 */
/*
 * validate.h - `kmapcheck patch --validate`: does each converted file still
 * compile, and does sparse report nothing new?
 *
 * A file of a kernel tree is compiled for i386 allmodconfig (CONFIG_HIGHMEM) by
 * kbuild itself, before and after, with sparse as kbuild's CHECK program (what
 * allmodconfig does not build, by a second i386 configuration with PAE and the
 * symbols its Makefile gates it by; an included .c file, as part of its includer;
 * a file under another architecture's arch/, for that architecture with clang); a
 * plain file is compiled with gcc and the flags given after `--`. The user's
 * tree is only read. What validate_files() decides, patch.c acts on: it drops
 * the conversions that broke something.
 */
#ifndef KMAPCHECK_VALIDATE_H
#define KMAPCHECK_VALIDATE_H

#include <stdbool.h>

#include "util.h"

enum val_result {
	VAL_PASSED,		/* compiles before and after, sparse reports nothing new */
	VAL_BROKEN,		/* compiled before, not after: the conversion is dropped */
	VAL_SPARSE,		/* compiles, but sparse reports something new: dropped */
	VAL_NOT_VALIDATED,	/* could not tell (not built by the configuration, did
				 * not compile before, a header, ...): kept, never "passed" */
};

struct val_file {
	/* in */
	const char *abspath;	/* the original, only ever read */
	const char *display;	/* for messages: relative to the tree */
	const char *converted;	/* the converted copy */
	bool kbuild;		/* the scan took its flags from kbuild */
	/* out */
	enum val_result result;
	char *reason;		/* one line: why not passed, or what was checked */
	char *detail;		/* the compiler or sparse lines that decided it, or NULL */
	double before_wall, after_wall;	/* seconds for compile + sparse, each side */
	int sparse_before, sparse_after;	/* sparse warnings on each side */
};

struct val_opts {
	const char *config;		/* kernel configuration target (allmodconfig) */
	const char *const *flags;	/* plain files: the flags after `--` */
	int nflags;
	int jobs;
	bool quiet;
	double timeout;			/* seconds per compile; 0: the default */
};

/**
 * validate_files - compile and check each of @files before and after conversion.
 * @vo: options.
 * @files: the converted files; the out fields are filled in.
 * @n: how many.
 *
 * Never writes the trees the files come from. Returns false (with a message on
 * stderr) only when validation could not run at all (no compiler, a kernel tree
 * that cannot be configured); each file's own problems are in its result.
 */
bool validate_files(const struct val_opts *vo, struct val_file *files, int n);

/* "passed", "dropped (build)", "dropped (sparse)", "not validated". */
const char *val_result_name(enum val_result r);

#endif
