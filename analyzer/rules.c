// SPDX-License-Identifier: GPL-2.0
/*
 * rules.c - load the rules/ data files and answer the proofs' questions about functions.
 *
 * It knows the grammar of each kind of rules file and nothing of the proofs: what a
 * rule means for a verdict is decided in prove_*.c.
 */
#include "rules.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* The kind of a rules file, taken from its name: families.rules, my.families.rules. */
enum rfile {
	RF_FAMILIES,
	RF_NOCAPTURE,
	RF_HANDOFF,
	RF_ATOMIC,
	RF_NORETURN,
	RF_SLEEP,
	RF_LOWMEM,
	RF_COUNT
};

static const char *const rfile_names[RF_COUNT] = {
	[RF_FAMILIES] = "families",
	[RF_NOCAPTURE] = "nocapture",
	[RF_HANDOFF] = "handoff",
	[RF_ATOMIC] = "atomic",
	[RF_NORETURN] = "noreturn",
	[RF_SLEEP] = "sleep",
	[RF_LOWMEM] = "lowmem",
};

#define MAX_ARGS 32

/*
 * One name with everything every file says about it. A later line for the same name
 * and file kind replaces the earlier one, so a user directory can override a default.
 */
struct rule_ent {
	char *name;
	bool glob;			/* name holds fnmatch() wildcards */
	unsigned int have;		/* bit RF_x: file kind x has a line for this name */
	const char *where[RF_COUNT];	/* "file.rules:LINE" of that line */
	struct rule_ent *next;		/* hash chain */

	enum family_kind fam;
	int impl;			/* implements a family macro's map (1) or unmap (-1) */
	bool deprecated;
	int fam_arg;

	unsigned int nocap_args;	/* bit i: argument i is not kept; ~0u for all */
	int nocap_returns;		/* returns this argument (memcpy() its destination), or -1 */

	enum handoff_kind handoff;
	unsigned int handoff_args;	/* async/keep: bit i: argument i is handed on */
	signed char store_dst[MAX_ARGS];	/* store: argument i is written into *arg store_dst[i] */

	unsigned int needs;		/* RULES_NEEDS_* */
	int toggle;			/* +1 disables, -1 enables what toggle_what names */
	unsigned int toggle_what;

	enum lowmem_kind lowmem;
	int lowmem_arg;
};

#define NBUCKETS 1024

struct rules {
	struct arena *arena;
	struct rule_ent *buckets[NBUCKETS];
	struct ptrvec globs;		/* struct rule_ent * with wildcards, in load order */
	struct ptrvec family_names;	/* char *, NULL-terminated after load */
	uint64_t hash;			/* of every file's name and text, in load order */
	/* NBUCKETS chains: the wildcard answers asked so far. lookup() writes it: rules are
	 * looked up from one thread (the byte scan's threads never ask them). */
	struct glob_memo **memo;
};

/* What the wildcard lines answer for one name, per file kind (lookup() asks often). */
struct glob_memo {
	struct glob_memo *next;
	unsigned int known;			/* bit k: res[k] is computed */
	const struct rule_ent *res[RF_COUNT];
	char name[];
};

static void memo_clear(struct rules *r)
{
	for (int b = 0; r->memo && b < NBUCKETS; b++)
		while (r->memo[b]) {
			struct glob_memo *m = r->memo[b];

			r->memo[b] = m->next;
			free(m);
		}
	free(r->memo);
	r->memo = NULL;
}

static unsigned int name_hash(const char *s)
{
	return (unsigned int)hash64(s, strlen(s), HASH64_SEED) % NBUCKETS;
}

static bool has_wildcard(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* The entry for @name (exact spelling, wildcards included), created when missing. */
static struct rule_ent *ent_get(struct rules *r, const char *name)
{
	unsigned int h = name_hash(name);
	struct rule_ent *e;
	int i;

	memo_clear(r);		/* loading: what lookup() remembered may change */
	for (e = r->buckets[h]; e; e = e->next)
		if (!strcmp(e->name, name))
			return e;
	e = arena_alloc(r->arena, sizeof(*e));
	e->name = arena_strdup(r->arena, name);
	e->glob = has_wildcard(name);
	for (i = 0; i < MAX_ARGS; i++)
		e->store_dst[i] = -1;
	e->next = r->buckets[h];
	r->buckets[h] = e;
	if (e->glob)
		pv_push(&r->globs, e);
	return e;
}

/* The entry that answers for @name in file kind @kind: exact first, then wildcards. */
static const struct rule_ent *lookup(const struct rules *r, const char *name, enum rfile kind)
{
	const struct rule_ent *e;
	struct glob_memo *m;
	unsigned int h;
	int i;

	if (!r || !name)
		return NULL;
	h = name_hash(name);
	for (e = r->buckets[h]; e; e = e->next)
		if (!e->glob && (e->have & (1u << kind)) && !strcmp(e->name, name))
			return e;
	if (!r->globs.n)
		return NULL;
	if (!r->memo)
		((struct rules *)r)->memo = xcalloc(NBUCKETS, sizeof(*r->memo));
	for (m = r->memo[h]; m && strcmp(m->name, name); m = m->next)
		;
	if (!m) {
		m = xcalloc(1, sizeof(*m) + strlen(name) + 1);
		strcpy(m->name, name);
		m->next = r->memo[h];
		r->memo[h] = m;
	}
	if (m->known & (1u << kind))
		return m->res[kind];
	m->known |= 1u << kind;
	m->res[kind] = NULL;
	/* Later wildcard lines win, as later exact lines do. */
	for (i = r->globs.n - 1; i >= 0; i--) {
		e = r->globs.v[i];
		if ((e->have & (1u << kind)) && fnmatch(e->name, name, 0) == 0)
			return m->res[kind] = e;
	}
	return NULL;
}

struct parse_state {
	struct rules *r;
	const char *path;	/* for messages */
	const char *base;	/* basename, for where[] */
	int line;
	char **err;
};

static bool perr(struct parse_state *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set *err to "path:line: message" and return false. */
static bool perr(struct parse_state *ps, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	char tmp[512];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sb_init(&sb);
	sb_addf(&sb, "%s:%d: %s", ps->path, ps->line, tmp);
	if (ps->err)
		*ps->err = sb_detach(&sb);
	else
		sb_free(&sb);
	return false;
}

/* Parse "0,2" or "*" into a bit mask; false on bad syntax. */
static bool parse_argmask(const char *s, unsigned int *mask)
{
	char *end;
	long v;

	if (!strcmp(s, "*")) {
		*mask = ~0u;
		return true;
	}
	*mask = 0;
	for (;;) {
		errno = 0;
		v = strtol(s, &end, 10);
		if (end == s || errno || v < 0 || v >= MAX_ARGS)
			return false;
		*mask |= 1u << v;
		if (*end == '\0')
			return true;
		if (*end != ',')
			return false;
		s = end + 1;
	}
}

/* Parse "1>0,2>0" into ent->store_dst; false on bad syntax. */
static bool parse_store(const char *s, struct rule_ent *e)
{
	char *end;
	long src, dst;

	for (;;) {
		src = strtol(s, &end, 10);
		if (end == s || *end != '>' || src < 0 || src >= MAX_ARGS)
			return false;
		s = end + 1;
		dst = strtol(s, &end, 10);
		if (end == s || dst < 0 || dst >= MAX_ARGS || dst == src)
			return false;
		e->store_dst[src] = (signed char)dst;
		if (*end == '\0')
			return true;
		if (*end != ',')
			return false;
		s = end + 1;
	}
}

static const struct {
	const char *word;
	enum family_kind kind;
} family_words[] = {
	{ "map-global", FAM_MAP_GLOBAL },
	{ "map-atomic", FAM_MAP_ATOMIC },
	{ "map-local", FAM_MAP_LOCAL },
	{ "unmap-global", FAM_UNMAP_GLOBAL },
	{ "unmap-atomic", FAM_UNMAP_ATOMIC },
	{ "unmap-local", FAM_UNMAP_LOCAL },
	{ "helper", FAM_HELPER },
};

/* One line already split into @ntok words; @kind says which grammar applies. */
static bool parse_line(struct parse_state *ps, enum rfile kind, char **tok, int ntok)
{
	struct rules *r = ps->r;
	struct rule_ent *e;
	unsigned int mask;
	size_t i;
	int t;

	if (kind == RF_FAMILIES && has_wildcard(tok[0]))
		return perr(ps, "family name '%s' may not contain wildcards", tok[0]);
	e = ent_get(r, tok[0]);

	switch (kind) {
	case RF_FAMILIES:
		if (ntok < 2)
			return perr(ps, "missing kind after '%s' (expected NAME KIND [deprecated] [arg=N])",
				    tok[0]);
		e->fam = FAM_NONE;
		e->impl = !strcmp(tok[1], "impl-map") ? 1 : !strcmp(tok[1], "impl-unmap") ? -1 : 0;
		for (i = 0; i < ARRAY_SIZE(family_words); i++)
			if (!strcmp(tok[1], family_words[i].word))
				e->fam = family_words[i].kind;
		if (e->fam == FAM_NONE && !e->impl)
			return perr(ps, "unknown family kind '%s' (expected map-global, map-atomic, map-local, unmap-global, unmap-atomic, unmap-local, helper, impl-map or impl-unmap)",
				    tok[1]);
		e->deprecated = false;
		e->fam_arg = 0;
		for (t = 2; t < ntok; t++) {
			char *end;

			if (!strcmp(tok[t], "deprecated")) {
				e->deprecated = true;
			} else if (!strncmp(tok[t], "arg=", 4)) {
				long v = strtol(tok[t] + 4, &end, 10);

				if (end == tok[t] + 4 || *end || v < 0 || v >= MAX_ARGS)
					return perr(ps, "bad argument index in '%s'", tok[t]);
				e->fam_arg = (int)v;
			} else {
				return perr(ps, "unknown flag '%s' (expected deprecated or arg=N)", tok[t]);
			}
		}
		break;
	case RF_NOCAPTURE:
		if (ntok > 3)
			return perr(ps, "unexpected '%s' (expected NAME [ARGS] [returns=N])", tok[3]);
		mask = ~0u;
		if (ntok >= 2 && !parse_argmask(tok[1], &mask))
			return perr(ps, "bad argument list '%s' (expected '*' or indexes like 0,2)", tok[1]);
		e->nocap_args = mask;
		e->nocap_returns = -1;
		if (ntok == 3) {
			char *end;
			long v;

			if (strncmp(tok[2], "returns=", 8))
				return perr(ps, "unexpected '%s' (expected returns=N)", tok[2]);
			v = strtol(tok[2] + 8, &end, 10);
			if (end == tok[2] + 8 || *end || v < 0 || v >= MAX_ARGS)
				return perr(ps, "bad argument index in '%s'", tok[2]);
			e->nocap_returns = (int)v;
		}
		break;
	case RF_HANDOFF:
		if (ntok != 3)
			return perr(ps, "expected NAME HOW ARGS (HOW is async, keep or store)");
		for (i = 0; i < MAX_ARGS; i++)
			e->store_dst[i] = -1;
		e->handoff_args = 0;
		if (!strcmp(tok[1], "async") || !strcmp(tok[1], "keep")) {
			e->handoff = tok[1][0] == 'a' ? HANDOFF_ASYNC : HANDOFF_KEEP;
			if (!parse_argmask(tok[2], &e->handoff_args))
				return perr(ps, "bad argument list '%s' (expected '*' or indexes like 0,2)",
					    tok[2]);
		} else if (!strcmp(tok[1], "store")) {
			e->handoff = HANDOFF_STORE;
			if (!parse_store(tok[2], e))
				return perr(ps, "bad store list '%s' (expected SRC>DST pairs like 1>0,2>0)",
					    tok[2]);
		} else {
			return perr(ps, "unknown hand-off '%s' (expected async, keep or store)", tok[1]);
		}
		break;
	case RF_ATOMIC: {
		const char *what = ntok == 2 ? tok[1] : ntok == 3 ? tok[2] : NULL;
		unsigned int bits;

		if (!what)
			return perr(ps, "expected NAME NEEDS or NAME disables|enables WHAT (NEEDS is none, pagefault, preempt or both; WHAT one of the last three)");
		if (!strcmp(what, "none") && ntok == 2)
			bits = 0;
		else if (!strcmp(what, "pagefault"))
			bits = RULES_NEEDS_PAGEFAULT;
		else if (!strcmp(what, "preempt"))
			bits = RULES_NEEDS_PREEMPT;
		else if (!strcmp(what, "both"))
			bits = RULES_NEEDS_PAGEFAULT | RULES_NEEDS_PREEMPT;
		else
			return perr(ps, "unknown need '%s' (expected %spagefault, preempt or both)", what,
				    ntok == 2 ? "none, " : "");
		e->needs = 0;
		e->toggle = 0;
		e->toggle_what = 0;
		if (ntok == 2) {
			e->needs = bits;
		} else if (!strcmp(tok[1], "disables") || !strcmp(tok[1], "enables")) {
			e->toggle = tok[1][0] == 'd' ? 1 : -1;
			e->toggle_what = bits;
		} else {
			return perr(ps, "unknown word '%s' (expected disables or enables)", tok[1]);
		}
		break;
	}
	case RF_LOWMEM:
		e->lowmem_arg = 0;
		if (ntok == 2 && !strcmp(tok[1], "gfp-flag")) {
			e->lowmem = LOWMEM_FLAG;
		} else if (ntok == 2 && !strcmp(tok[1], "direct")) {
			e->lowmem = LOWMEM_DIRECT;
		} else if (ntok == 3 && !strcmp(tok[1], "alloc")) {
			char *end;
			long v = strtol(tok[2], &end, 10);

			if (end == tok[2] || *end || v < 0 || v >= MAX_ARGS)
				return perr(ps, "bad argument index '%s'", tok[2]);
			e->lowmem = LOWMEM_ALLOC;
			e->lowmem_arg = (int)v;
		} else {
			return perr(ps, "expected NAME gfp-flag, NAME direct or NAME alloc ARG");
		}
		break;
	case RF_NORETURN:
	case RF_SLEEP:
		if (ntok != 1)
			return perr(ps, "unexpected '%s' (expected only a NAME)", tok[1]);
		break;
	case RF_COUNT:
		break;
	}
	e->have |= 1u << kind;
	e->where[kind] = arena_printf(r->arena, "%s:%d", ps->base, ps->line);
	return true;
}

/* Load one file of kind @kind; false with *err set on the first bad line. */
static bool load_file(struct rules *r, const char *path, const char *base, enum rfile kind,
		      char **err)
{
	struct parse_state ps = { .r = r, .path = path, .base = base, .err = err };
	char *text, *line, *next;
	char *ferr = NULL;

	text = read_file(path, NULL, &ferr);
	if (!text) {
		if (err)
			*err = xasprintf("%s: %s", path, ferr ? ferr : "cannot read");
		free(ferr);
		return false;
	}
	r->hash = hash64(base, strlen(base) + 1, r->hash ? r->hash : HASH64_SEED);
	r->hash = hash64(text, strlen(text), r->hash);
	for (line = text; line; line = next) {
		char *tok[8], *p, *hash;
		int ntok = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ps.line++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		for (p = strtok(line, " \t\r"); p; p = strtok(NULL, " \t\r")) {
			if (ntok == (int)ARRAY_SIZE(tok)) {
				perr(&ps, "too many words");
				free(text);
				return false;
			}
			tok[ntok++] = p;
		}
		if (!ntok)
			continue;
		if (!parse_line(&ps, kind, tok, ntok)) {
			free(text);
			return false;
		}
	}
	free(text);
	return true;
}

/* The file kind named by "x.rules" or "prefix.x.rules"; RF_COUNT if none. */
static enum rfile file_kind(const char *base)
{
	size_t n = strlen(base);
	const char *end, *start;
	int k;

	if (n < 7 || strcmp(base + n - 6, ".rules"))
		return RF_COUNT;
	end = base + n - 6;
	for (start = end; start > base && start[-1] != '.'; start--)
		;
	for (k = 0; k < RF_COUNT; k++)
		if ((size_t)(end - start) == strlen(rfile_names[k]) &&
		    !strncmp(start, rfile_names[k], end - start))
			return k;
	return RF_COUNT;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every *.rules file of @dir in name order. */
static bool load_dir(struct rules *r, const char *dir, char **err)
{
	struct ptrvec names = { 0 };
	struct dirent *de;
	bool ok = true;
	DIR *d;
	int i;

	d = opendir(dir);
	if (!d) {
		if (err)
			*err = xasprintf("%s: cannot open rules directory: %s", dir, strerror(errno));
		return false;
	}
	while ((de = readdir(d)))
		if (strlen(de->d_name) > 6 && !strcmp(de->d_name + strlen(de->d_name) - 6, ".rules"))
			pv_push(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		const char *base = names.v[i];
		enum rfile kind = file_kind(base);
		char *path = path_join(dir, base);

		if (ok && kind == RF_COUNT) {
			if (err)
				*err = xasprintf("%s: unknown rules file (the name must end in families.rules, nocapture.rules, handoff.rules, atomic.rules, noreturn.rules, sleep.rules or lowmem.rules)",
						 path);
			ok = false;
		}
		if (ok)
			ok = load_file(r, path, arena_strdup(r->arena, base), kind, err);
		free(path);
		free(names.v[i]);
	}
	pv_free(&names);
	return ok;
}

/**
 * rules_load - read every *.rules file of the given directories.
 * @dirs: directories, in order; a later line for the same name overrides an earlier one.
 * @ndirs: how many.
 * @err: on failure receives "FILE:LINE: message" (malloc'ed).
 *
 * Return: the rules, or NULL on the first unreadable directory, unknown file name or
 * bad line.
 */
struct rules *rules_load(const char *const *dirs, int ndirs, char **err)
{
	struct rules *r = xcalloc(1, sizeof(*r));
	int i, b;

	if (err)
		*err = NULL;
	r->arena = arena_new();
	for (i = 0; i < ndirs; i++) {
		if (!load_dir(r, dirs[i], err)) {
			rules_free(r);
			return NULL;
		}
	}
	for (b = 0; b < NBUCKETS; b++) {
		struct rule_ent *e;

		for (e = r->buckets[b]; e; e = e->next)
			if ((e->have & (1u << RF_FAMILIES)) && e->fam != FAM_NONE)
				pv_push(&r->family_names, e->name);
	}
	if (r->family_names.n)
		qsort(r->family_names.v, r->family_names.n, sizeof(void *), cmp_str);
	pv_push(&r->family_names, NULL);
	return r;
}

/** rules_free - release everything rules_load() allocated; NULL is fine. */
void rules_free(struct rules *r)
{
	if (!r)
		return;
	memo_clear(r);
	pv_free(&r->globs);
	pv_free(&r->family_names);
	arena_free(r->arena);
	free(r);
}

/** rules_family - the family kind of @name, FAM_NONE when it is not a mapping call. */
enum family_kind rules_family(const struct rules *r, const char *name)
{
	const struct rule_ent *e = lookup(r, name, RF_FAMILIES);

	return e ? e->fam : FAM_NONE;
}

/** rules_is_deprecated - true when families.rules marks @name deprecated. */
bool rules_is_deprecated(const struct rules *r, const char *name)
{
	const struct rule_ent *e = lookup(r, name, RF_FAMILIES);

	return e && e->deprecated;
}

/**
 * rules_family_impl - 1 when @name implements a family macro's map, -1 its unmap, 0 when
 * it is no implementation; *@arg receives its page/address argument.
 */
int rules_family_impl(const struct rules *r, const char *name, int *arg)
{
	const struct rule_ent *e = lookup(r, name, RF_FAMILIES);

	if (e && e->impl && arg)
		*arg = e->fam_arg;
	return e ? e->impl : 0;
}

/** rules_family_names - every family name, sorted, NULL-terminated; owned by @r. */
uint64_t rules_hash(const struct rules *r)
{
	return r->hash;
}

const char *const *rules_family_names(const struct rules *r)
{
	return (const char *const *)r->family_names.v;
}

/** rules_family_arg - which argument of family call @name is the page or address. */
int rules_family_arg(const struct rules *r, const char *name)
{
	const struct rule_ent *e = lookup(r, name, RF_FAMILIES);

	return e ? e->fam_arg : 0;
}

static void set_where(const struct rule_ent *e, enum rfile kind, const char **where)
{
	if (where)
		*where = e ? e->where[kind] : NULL;
}

/** rules_nocapture - true when @name is known not to keep argument @arg. */
bool rules_nocapture(const struct rules *r, const char *name, int arg, const char **where)
{
	const struct rule_ent *e = lookup(r, name, RF_NOCAPTURE);
	bool ok = e && arg >= 0 && (arg >= MAX_ARGS ? e->nocap_args == ~0u
				     : (e->nocap_args >> arg) & 1);

	set_where(ok ? e : NULL, RF_NOCAPTURE, where);
	return ok;
}

/** rules_nocapture_returns - the argument @name returns (memcpy(): 0), or -1. */
int rules_nocapture_returns(const struct rules *r, const char *name)
{
	const struct rule_ent *e = lookup(r, name, RF_NOCAPTURE);

	return e ? e->nocap_returns : -1;
}

/**
 * rules_handoff - how @name hands on argument @arg.
 * @store_dst: for HANDOFF_STORE, receives the argument whose object is written.
 */
enum handoff_kind rules_handoff(const struct rules *r, const char *name, int arg,
				int *store_dst, const char **where)
{
	const struct rule_ent *e = lookup(r, name, RF_HANDOFF);
	enum handoff_kind k = HANDOFF_NONE;

	if (e && arg >= 0) {
		if (e->handoff == HANDOFF_STORE) {
			if (arg < MAX_ARGS && e->store_dst[arg] >= 0) {
				k = HANDOFF_STORE;
				if (store_dst)
					*store_dst = e->store_dst[arg];
			}
		} else if (arg >= MAX_ARGS ? e->handoff_args == ~0u : (e->handoff_args >> arg) & 1) {
			k = e->handoff;
		}
	}
	set_where(k != HANDOFF_NONE ? e : NULL, RF_HANDOFF, where);
	return k;
}

/** rules_atomic_needs - RULES_NEEDS_* of operation @name (a call or a macro). */
unsigned int rules_atomic_needs(const struct rules *r, const char *name, const char **where)
{
	const struct rule_ent *e = lookup(r, name, RF_ATOMIC);

	set_where(e, RF_ATOMIC, where);
	return e ? e->needs : 0;
}

/** rules_atomic_toggle - +1 when @name disables, -1 when it enables *@which (RULES_NEEDS_*). */
int rules_atomic_toggle(const struct rules *r, const char *name, unsigned int *which)
{
	const struct rule_ent *e = lookup(r, name, RF_ATOMIC);

	if (which)
		*which = e ? e->toggle_what : 0;
	return e ? e->toggle : 0;
}

/**
 * rules_lowmem - what rules/lowmem.rules says of @name.
 * @arg: for LOWMEM_ALLOC, receives the index of the GFP argument.
 */
enum lowmem_kind rules_lowmem(const struct rules *r, const char *name, int *arg, const char **where)
{
	const struct rule_ent *e = lookup(r, name, RF_LOWMEM);

	set_where(e, RF_LOWMEM, where);
	if (e && arg)
		*arg = e->lowmem_arg;
	return e ? e->lowmem : LOWMEM_NONE;
}

/**
 * rules_has - true when any rules file other than families.rules says something of
 * @name that stands for its body: "NAME none" in atomic.rules does not (a function so
 * listed is still analysed from its body where the file has one).
 */
bool rules_has(const struct rules *r, const char *name)
{
	const struct rule_ent *e;
	int k;

	if (!name)
		return false;
	for (k = RF_NOCAPTURE; k < RF_COUNT; k++) {
		e = lookup(r, name, k);
		if (e && !(k == RF_ATOMIC && !e->needs && !e->toggle))
			return true;
	}
	return false;
}

/**
 * rules_atomic_listed - atomic.rules says what @name needs (NEEDS, "none", or an
 * explicit disable or enable), or sleep.rules that it may sleep (so it needs neither,
 * but what atomic.rules says): what the other rules files say of a function (its
 * pointer arguments, that it hands off, never returns) tells nothing of whether it
 * relies on page faults or preemption being disabled.
 */
bool rules_atomic_listed(const struct rules *r, const char *name)
{
	/* a function that may sleep is never meant to run with preemption disabled */
	return name && (lookup(r, name, RF_ATOMIC) || lookup(r, name, RF_SLEEP));
}

/** rules_noreturn - true when a call to (or an expansion of) @name never returns. */
bool rules_noreturn(const struct rules *r, const char *name)
{
	return lookup(r, name, RF_NORETURN) != NULL;
}

/** rules_may_sleep - true when @name may sleep. */
bool rules_may_sleep(const struct rules *r, const char *name, const char **where)
{
	const struct rule_ent *e = lookup(r, name, RF_SLEEP);

	set_where(e, RF_SLEEP, where);
	return e != NULL;
}
