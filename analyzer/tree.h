/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tree.h - which files to read: walk the paths given, and a byte scan that keeps
 * only the files mentioning a mapping API.
 */
#ifndef KMAPCHECK_TREE_H
#define KMAPCHECK_TREE_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum input_status {
	IN_CANDIDATE,		/* mentions a mapping API: parse it */
	IN_NO_CALLS,		/* read, no mapping API: nothing to parse */
	IN_MISSING,		/* does not exist */
	IN_UNREADABLE,		/* cannot be read */
	IN_BINARY,		/* has NUL bytes: not C */
	IN_NOT_C,		/* given explicitly, not a C source or header */
	IN_EMPTY,		/* empty file */
};

struct input_file {
	char *path;		/* absolute */
	char *display;		/* as printed: relative to the root */
	enum input_status status;
	bool explicit;		/* named on the command line */
	bool header;		/* a .h found by the walk: parsed on its own only when no
				 * parsed .c file showed its sites */
	uint64_t content_hash;
	char *message;		/* why it was not parsed */
	int root;		/* index of the root it came from */
};

struct input_set {
	struct input_file *files;
	int n, cap;
	int walked;		/* C files seen */
	bool skipped_user_space; /* a kernel tree's walk left out tools/ */
	int includers;		/* .c files without calls parsed for a .c file with calls
				 * they #include */
	double scan_seconds;
};

/**
 * tree_collect - add @path (a file or a directory, walked for *.c) to @set.
 * @root: the directory names are printed relative to.
 * @family: NULL-terminated mapping API names for the byte scan.
 * @kernel: @root is a kernel tree: the walk does not enter its user-space directory
 *	(kernel_user_space()) unless @path is in it.
 */
void tree_collect(struct input_set *set, const char *path, const char *root, int root_idx,
		  const char *const *family, bool kernel);
void tree_free(struct input_set *set);

/* A walk of a directory tree: hidden entries skipped, names sorted, links not followed. */
struct tree_walker {
	bool (*enter)(const char *dir, void *ctx);		/* NULL: enter every directory */
	void (*file)(const char *path, void *ctx);		/* every regular file */
	void (*error)(const char *dir, int err, void *ctx);	/* a directory that cannot be read */
	void *ctx;
};

void tree_walk(const char *dir, const struct tree_walker *w);

/* Does @buf mention one of @family as a whole identifier? */
bool tree_mentions(const char *buf, size_t len, const char *const *family);

#endif
