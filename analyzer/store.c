// SPDX-License-Identifier: GPL-2.0
/*
 * store.c - runs, files, sites and summaries in SQLite.
 *
 * Prepared statements only, every value bound; WAL mode; one transaction per batch.
 * A cached file result is reused only when its content, its flags, the tool, the
 * rules and every header it included are unchanged.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store.h"

struct store {
	sqlite3 *db;
	sqlite3_stmt *ins_file, *ins_site, *find_file, *find_sites, *ins_summary, *find_summary;
	bool in_batch;
};

static const char schema[] =
	"PRAGMA journal_mode=WAL;"
	"PRAGMA synchronous=NORMAL;"
	"CREATE TABLE IF NOT EXISTS runs ("
	"  id INTEGER PRIMARY KEY, started TEXT, finished TEXT, root TEXT, argv TEXT,"
	"  tool TEXT, files INTEGER, parsed INTEGER, failed INTEGER, sites INTEGER,"
	"  status INTEGER, wall REAL);"
	"CREATE TABLE IF NOT EXISTS files ("
	"  id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs(id), path TEXT,"
	"  content_hash TEXT, flags_hash TEXT, cache_key TEXT, status TEXT,"
	"  errors INTEGER, warnings INTEGER, errors_in_site_functions INTEGER,"
	"  missing_headers INTEGER, unknown_flags INTEGER, first_error TEXT,"
	"  flags_origin TEXT, wall REAL, cpu REAL, maxrss_kb INTEGER, deps TEXT);"
	"CREATE INDEX IF NOT EXISTS files_by_key ON files(path, cache_key);"
	"CREATE TABLE IF NOT EXISTS sites ("
	"  id INTEGER PRIMARY KEY, run_id INTEGER, file_id INTEGER REFERENCES files(id),"
	"  path TEXT, line INTEGER, col INTEGER, function TEXT, api TEXT, role TEXT,"
	"  macro TEXT, verdict TEXT, reason TEXT, evidence TEXT, paths INTEGER,"
	"  needs INTEGER, partner_line INTEGER, proof TEXT, key TEXT, escape_callee TEXT);"
	"CREATE INDEX IF NOT EXISTS sites_by_run ON sites(run_id);"
	"CREATE INDEX IF NOT EXISTS sites_by_file ON sites(file_id);"
	"CREATE INDEX IF NOT EXISTS sites_by_key ON sites(key);"
	/* cross-file summaries: one per function and defining file, while the file is as hashed */
	"DROP TABLE IF EXISTS summaries;"
	"CREATE TABLE IF NOT EXISTS func_summaries ("
	"  name TEXT, file TEXT, cache_key TEXT, deps TEXT, escapes INTEGER, derefs_only INTEGER,"
	"  maps INTEGER, unmaps INTEGER, returns_mapping INTEGER, may_sleep INTEGER,"
	"  needs_atomic INTEGER, needs INTEGER, returns_param INTEGER, unmaps_param INTEGER,"
	"  found INTEGER, PRIMARY KEY(name, file));";

char *store_default_path(void)
{
	char *dir = cache_dir(), *p;

	mkdir_p(dir);
	p = path_join(dir, "kmapcheck.db");
	free(dir);
	return p;
}

static sqlite3_stmt *prep(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		die("sqlite: %s: %s", sql, sqlite3_errmsg(st->db));
	return s;
}

struct store *store_open(const char *path, char **err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	char *msg = NULL;

	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open");
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	sqlite3_busy_timeout(st->db, 10000);
	if (sqlite3_exec(st->db, schema, NULL, NULL, &msg) != SQLITE_OK) {
		*err = xasprintf("%s: %s", path, msg ? msg : "schema failed");
		sqlite3_free(msg);
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	st->ins_file = prep(st,
		"INSERT INTO files(run_id, path, content_hash, flags_hash, cache_key, status, errors,"
		" warnings, errors_in_site_functions, missing_headers, unknown_flags, first_error,"
		" flags_origin, wall, cpu, maxrss_kb, deps) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	st->ins_site = prep(st,
		"INSERT INTO sites(run_id, file_id, path, line, col, function, api, role, macro,"
		" verdict, reason, evidence, paths, needs, partner_line, proof, key, escape_callee)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	st->find_file = prep(st,
		"SELECT id, deps, status, errors, warnings, errors_in_site_functions, missing_headers,"
		" unknown_flags, first_error, flags_origin FROM files WHERE path = ? AND cache_key = ?"
		" AND status IN ('ok', 'parse-errors') ORDER BY id DESC LIMIT 1");
	st->find_sites = prep(st,
		"SELECT path, line, col, function, api, role, macro, verdict, reason, evidence, paths,"
		" needs, partner_line, proof, key, escape_callee FROM sites WHERE file_id = ? ORDER BY id");
	st->ins_summary = prep(st,
		"INSERT OR REPLACE INTO func_summaries(name, file, cache_key, deps, escapes, derefs_only,"
		" maps, unmaps, returns_mapping, may_sleep, needs_atomic, needs, returns_param,"
		" unmaps_param, found) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	st->find_summary = prep(st,
		"SELECT deps, escapes, derefs_only, maps, unmaps, returns_mapping, may_sleep,"
		" needs_atomic, needs, returns_param, unmaps_param, found FROM func_summaries"
		" WHERE name = ? AND file = ? AND cache_key = ?");
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_batch_end(st);
	sqlite3_finalize(st->ins_file);
	sqlite3_finalize(st->ins_site);
	sqlite3_finalize(st->find_file);
	sqlite3_finalize(st->find_sites);
	sqlite3_finalize(st->ins_summary);
	sqlite3_finalize(st->find_summary);
	sqlite3_close(st->db);
	free(st);
}

static void now_text(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long store_run_begin(struct store *st, const char *root, const char *argv, const char *tool)
{
	sqlite3_stmt *s = prep(st, "INSERT INTO runs(started, root, argv, tool) VALUES(?,?,?,?)");
	char ts[32];
	long long id;

	now_text(ts);
	sqlite3_bind_text(s, 1, ts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, root, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, argv, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, tool, -1, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_finalize(s);
	id = sqlite3_last_insert_rowid(st->db);
	return id;
}

void store_run_end(struct store *st, long long run, const struct scan_result *res, int status)
{
	sqlite3_stmt *s;
	char ts[32];

	store_batch_end(st);
	s = prep(st, "UPDATE runs SET finished=?, files=?, parsed=?, failed=?, sites=?, status=?,"
		     " wall=? WHERE id=?");
	now_text(ts);
	sqlite3_bind_text(s, 1, ts, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, res->candidates);
	sqlite3_bind_int(s, 3, res->parsed);
	sqlite3_bind_int(s, 4, res->failed);
	sqlite3_bind_int(s, 5, res->nsites);
	sqlite3_bind_int(s, 6, status);
	sqlite3_bind_double(s, 7, res->wall);
	sqlite3_bind_int64(s, 8, run);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

void store_batch_begin(struct store *st)
{
	if (st->in_batch)
		return;
	sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	st->in_batch = true;
}

void store_batch_end(struct store *st)
{
	if (!st->in_batch)
		return;
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->in_batch = false;
}

static void bind_text(sqlite3_stmt *s, int i, const char *t)
{
	if (t)
		sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void store_file(struct store *st, long long run, const struct input_file *in,
		const struct file_out *fo, const char *cache_key, const char *deps,
		const struct site_out *sites, int nsites)
{
	sqlite3_stmt *s = st->ins_file;
	char ch[17], fh[17];
	long long file_id;

	hash_hex(in->content_hash, ch);
	hash_hex(fo->flags_hash, fh);
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, in->path);
	bind_text(s, 3, ch);
	bind_text(s, 4, fh);
	bind_text(s, 5, cache_key);
	bind_text(s, 6, fo->status);
	sqlite3_bind_int(s, 7, fo->errors);
	sqlite3_bind_int(s, 8, fo->warnings);
	sqlite3_bind_int(s, 9, fo->errors_in_site_funcs);
	sqlite3_bind_int(s, 10, fo->missing_headers);
	sqlite3_bind_int(s, 11, fo->unknown_flags);
	bind_text(s, 12, fo->first_error);
	bind_text(s, 13, fo->flags_origin);
	sqlite3_bind_double(s, 14, fo->wall);
	sqlite3_bind_double(s, 15, fo->cpu);
	sqlite3_bind_int64(s, 16, fo->maxrss_kb);
	bind_text(s, 17, deps);
	if (sqlite3_step(s) != SQLITE_DONE)
		fprintf(stderr, "%s: store: %s\n", progname, sqlite3_errmsg(st->db));
	file_id = sqlite3_last_insert_rowid(st->db);

	s = st->ins_site;
	for (int i = 0; i < nsites; i++) {
		const struct site_out *x = &sites[i];

		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, run);
		sqlite3_bind_int64(s, 2, file_id);
		bind_text(s, 3, x->file);
		sqlite3_bind_int(s, 4, x->line);
		sqlite3_bind_int(s, 5, x->col);
		bind_text(s, 6, x->function);
		bind_text(s, 7, x->api);
		bind_text(s, 8, x->role);
		bind_text(s, 9, x->macro);
		bind_text(s, 10, x->verdict);
		bind_text(s, 11, x->reason);
		bind_text(s, 12, x->evidence);
		sqlite3_bind_int(s, 13, x->paths);
		sqlite3_bind_int(s, 14, x->needs);
		sqlite3_bind_int(s, 15, x->partner_line);
		bind_text(s, 16, x->proof);
		bind_text(s, 17, x->key);
		bind_text(s, 18, x->escape_callee);
		if (sqlite3_step(s) != SQLITE_DONE)
			fprintf(stderr, "%s: store: %s\n", progname, sqlite3_errmsg(st->db));
	}
}

/* Are the dependencies recorded as "path\tmtime\tsize\n" lines unchanged? */
static bool deps_fresh(const char *deps)
{
	const char *p = deps;

	if (!deps)
		return false;
	while (*p) {
		const char *nl = strchr(p, '\n');
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		struct stat sb;
		bool ok = false;

		if (t1 && t2) {
			*t1 = *t2 = '\0';
			ok = stat(line, &sb) == 0 && (long long)sb.st_mtime == atoll(t1 + 1) &&
			     (long long)sb.st_size == atoll(t2 + 1);
		}
		free(line);
		if (!ok)
			return false;
		if (!nl)
			break;
		p = nl + 1;
	}
	return true;
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

bool store_cached(struct store *st, const char *path, const char *cache_key,
		  struct scan_result *res, struct file_out *fo, char **status, char **deps)
{
	sqlite3_stmt *s = st->find_file;
	long long file_id;
	bool fresh;

	sqlite3_reset(s);
	bind_text(s, 1, path);
	bind_text(s, 2, cache_key);
	if (sqlite3_step(s) != SQLITE_ROW)
		return false;
	file_id = sqlite3_column_int64(s, 0);
	fresh = deps_fresh((const char *)sqlite3_column_text(s, 1));
	if (!fresh)
		return false;
	*deps = col_text(s, 1);
	*status = col_text(s, 2);
	fo->status = xstrdup("cached");
	fo->errors = sqlite3_column_int(s, 3);
	fo->warnings = sqlite3_column_int(s, 4);
	fo->errors_in_site_funcs = sqlite3_column_int(s, 5);
	fo->missing_headers = sqlite3_column_int(s, 6);
	fo->unknown_flags = sqlite3_column_int(s, 7);
	fo->first_error = col_text(s, 8);
	fo->flags_origin = col_text(s, 9);

	s = st->find_sites;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, file_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct site_out *x;

		if (res->nsites == res->capsites) {
			res->capsites = res->capsites ? res->capsites * 2 : 256;
			res->sites = xrealloc(res->sites, res->capsites * sizeof(*res->sites));
		}
		x = &res->sites[res->nsites++];
		memset(x, 0, sizeof(*x));
		x->file = col_text(s, 0);
		x->line = sqlite3_column_int(s, 1);
		x->col = sqlite3_column_int(s, 2);
		x->function = col_text(s, 3);
		x->api = col_text(s, 4);
		x->role = col_text(s, 5);
		x->macro = col_text(s, 6);
		x->verdict = col_text(s, 7);
		x->reason = col_text(s, 8);
		x->evidence = col_text(s, 9);
		x->paths = sqlite3_column_int(s, 10);
		x->needs = sqlite3_column_int(s, 11);
		x->partner_line = sqlite3_column_int(s, 12);
		x->proof = col_text(s, 13);
		x->key = col_text(s, 14);
		x->escape_callee = col_text(s, 15);
		x->abspath = xstrdup(path);
		fo->nsites++;
	}
	return true;
}

void store_summary_put(struct store *st, const struct func_summary *f, bool found,
		       const char *cache_key, const char *deps)
{
	sqlite3_stmt *s = st->ins_summary;

	sqlite3_reset(s);
	bind_text(s, 1, f->name);
	bind_text(s, 2, f->file);
	bind_text(s, 3, cache_key);
	bind_text(s, 4, deps);
	sqlite3_bind_int64(s, 5, f->escapes);
	sqlite3_bind_int64(s, 6, f->derefs_only);
	sqlite3_bind_int(s, 7, f->maps);
	sqlite3_bind_int(s, 8, f->unmaps);
	sqlite3_bind_int(s, 9, f->returns_mapping);
	sqlite3_bind_int(s, 10, f->may_sleep);
	sqlite3_bind_int(s, 11, f->needs_atomic);
	sqlite3_bind_int64(s, 12, f->needs);
	sqlite3_bind_int64(s, 13, f->returns_param);
	sqlite3_bind_int64(s, 14, f->unmaps_param);
	sqlite3_bind_int(s, 15, found);
	if (sqlite3_step(s) != SQLITE_DONE)
		fprintf(stderr, "%s: store: %s\n", progname, sqlite3_errmsg(st->db));
}

bool store_summary_get(struct store *st, const char *name, const char *file, const char *cache_key,
		       struct func_summary *f, bool *found)
{
	sqlite3_stmt *s = st->find_summary;

	sqlite3_reset(s);
	bind_text(s, 1, name);
	bind_text(s, 2, file);
	bind_text(s, 3, cache_key);
	if (sqlite3_step(s) != SQLITE_ROW || !deps_fresh((const char *)sqlite3_column_text(s, 0)))
		return false;
	memset(f, 0, sizeof(*f));
	f->escapes = (unsigned int)sqlite3_column_int64(s, 1);
	f->derefs_only = (unsigned int)sqlite3_column_int64(s, 2);
	f->maps = sqlite3_column_int(s, 3);
	f->unmaps = sqlite3_column_int(s, 4);
	f->returns_mapping = sqlite3_column_int(s, 5);
	f->may_sleep = sqlite3_column_int(s, 6);
	f->needs_atomic = sqlite3_column_int(s, 7);
	f->needs = (unsigned int)sqlite3_column_int64(s, 8);
	f->returns_param = (unsigned int)sqlite3_column_int64(s, 9);
	f->unmaps_param = (unsigned int)sqlite3_column_int64(s, 10);
	*found = sqlite3_column_int(s, 11);
	return true;
}

void store_forget_file(struct store *st, long long run, const char *path)
{
	sqlite3_stmt *s = prep(st, "DELETE FROM sites WHERE file_id IN"
				   " (SELECT id FROM files WHERE run_id = ? AND path = ?)");

	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, path);
	sqlite3_step(s);
	sqlite3_finalize(s);
	s = prep(st, "DELETE FROM files WHERE run_id = ? AND path = ?");
	sqlite3_bind_int64(s, 1, run);
	bind_text(s, 2, path);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

int store_report(struct store *st, FILE *out)
{
	sqlite3_stmt *s = prep(st, "SELECT id, started, root, files, sites, status FROM runs"
				   " WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1");
	long long run;

	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		fprintf(stderr, "%s: report: no finished run in the database\n", progname);
		return EXIT_USAGE;
	}
	run = sqlite3_column_int64(s, 0);
	fprintf(out, "run %lld, %s, %s: %d files, %d sites\n\n", run,
		(const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		sqlite3_column_int(s, 3), sqlite3_column_int(s, 4));
	sqlite3_finalize(s);

	s = prep(st,
		 "SELECT CASE WHEN instr(path, '/') > 0 THEN substr(path, 1, instr(path, '/') - 1)"
		 " ELSE '.' END AS dir, verdict, count(*) FROM sites"
		 " WHERE run_id = ? AND role = 'map' AND api IN ('kmap', 'kmap_atomic',"
		 " 'kmap_atomic_prot', 'kmap_atomic_pfn') GROUP BY dir, verdict ORDER BY dir, verdict");
	sqlite3_bind_int64(s, 1, run);
	fprintf(out, "%-24s %-20s %6s\n", "directory", "verdict", "sites");
	while (sqlite3_step(s) == SQLITE_ROW)
		fprintf(out, "%-24s %-20s %6d\n", (const char *)sqlite3_column_text(s, 0),
			(const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2));
	sqlite3_finalize(s);
	return EXIT_OK;
}
