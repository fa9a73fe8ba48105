/* SPDX-License-Identifier: GPL-2.0 */
/*
 * store.h - the SQLite record of runs, files, sites and function summaries.
 *
 * The only file that includes sqlite3.h is store.c. Every value is bound to a
 * prepared statement; a run writes one transaction per batch in WAL mode, so a
 * killed run leaves the database as it was at the last batch.
 */
#ifndef KMAPCHECK_STORE_H
#define KMAPCHECK_STORE_H

#include <stdbool.h>

#include "prove.h"
#include "scan.h"

struct store;

struct store *store_open(const char *path, char **err);
void store_close(struct store *st);

long long store_run_begin(struct store *st, const char *root, const char *argv, const char *tool);
void store_run_end(struct store *st, long long run, const struct scan_result *res, int status);

void store_batch_begin(struct store *st);
void store_batch_end(struct store *st);

/* One analysed file and its sites. @deps: the included files "path\tmtime\tsize\n"... */
void store_file(struct store *st, long long run, const struct input_file *in,
		const struct file_out *fo, const char *cache_key, const char *deps,
		const struct site_out *sites, int nsites);

/*
 * A cached result: the newest file record with this path and cache key whose
 * dependencies are unchanged. Appends its sites to @res and sets *@status and *@deps
 * (the record's own, to record the file again under the current run); returns false
 * when none.
 */
bool store_cached(struct store *st, const char *path, const char *cache_key,
		  struct scan_result *res, struct file_out *fo, char **status, char **deps);

/*
 * Cross-file summaries, one per function and defining file, valid while @cache_key
 * (tool, rules, the file's content and flags) matches and the headers in @deps are
 * unchanged. @found false records that the file did not define the function after all.
 */
void store_summary_put(struct store *st, const struct func_summary *f, bool found,
		       const char *cache_key, const char *deps);
/* Fills @f's masks and flags (not its strings); false when none is valid. */
bool store_summary_get(struct store *st, const char *name, const char *file, const char *cache_key,
		       struct func_summary *f, bool *found);

/* Drop what run @run recorded for @path, before recording it again. */
void store_forget_file(struct store *st, long long run, const char *path);

int store_report(struct store *st, FILE *out);

char *store_default_path(void);

#endif
