// SPDX-License-Identifier: GPL-2.0
/*
 * emit.c - every way a site is printed: gcc-style lines, JSON Lines, SARIF, and
 * the end-of-run summary.
 *
 * The words of a verdict come from the prover; this file only lays them out.
 */
#include <stdlib.h>
#include <string.h>

#include "flags.h"
#include "gate.h"
#include "pch.h"
#include "scan.h"

bool api_is_deprecated(const char *api)
{
	return api && (!strcmp(api, "kmap") || !strcmp(api, "kmap_atomic") ||
		       !strcmp(api, "kmap_atomic_prot") || !strcmp(api, "kmap_atomic_pfn"));
}

/*
 * The lines of the items of @kind in a site's evidence @ev (the prover's JSON array,
 * each item {"kind":K,"line":N,...}), into @out; how many, or @max + 1 when there are
 * more than @max.
 */
int evidence_lines(const char *ev, const char *kind, int *out, int max)
{
	char pat[64];
	int n = 0;

	snprintf(pat, sizeof(pat), "{\"kind\":\"%s\",\"line\":", kind);
	for (const char *p = ev ? strstr(ev, pat) : NULL; p; p = strstr(p + 1, pat)) {
		if (n == max)
			return max + 1;
		out[n++] = atoi(p + strlen(pat));
	}
	return n;
}

static bool verdict_is_bad(const char *v)
{
	return v && (!strcmp(v, "order") || !strcmp(v, "unbalanced") || !strcmp(v, "cross-thread"));
}

void emit_site_text(FILE *out, const struct site_out *s)
{
	char via[160] = "";

	if (s->macro && strcmp(s->macro, s->api))
		snprintf(via, sizeof(via), " (via macro %s)", s->macro);
	if (api_is_deprecated(s->api) && !strcmp(s->role, "map"))
		diag(out, s->file, s->line, s->col, "warning",
		     "%s() is deprecated; verdict %s: %s%s [kmap-deprecated]", s->api, s->verdict,
		     s->reason, via);
	else
		diag(out, s->file, s->line, s->col, verdict_is_bad(s->verdict) ? "warning" : "note",
		     "%s() verdict %s: %s%s [kmap-%s]", s->api, s->verdict, s->reason, via, s->role);
}

void emit_site_json(FILE *out, const struct site_out *s, const char *extra)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "{\"file\":");
	sb_add_json_string(&sb, s->file);
	sb_addf(&sb, ",\"line\":%d,\"column\":%d,\"function\":", s->line, s->col);
	sb_add_json_string(&sb, s->function);
	sb_add(&sb, ",\"api\":");
	sb_add_json_string(&sb, s->api);
	sb_add(&sb, ",\"role\":");
	sb_add_json_string(&sb, s->role);
	sb_addf(&sb, ",\"deprecated\":%s", api_is_deprecated(s->api) ? "true" : "false");
	sb_add(&sb, ",\"macro\":");
	if (s->macro)
		sb_add_json_string(&sb, s->macro);
	else
		sb_add(&sb, "null");
	sb_add(&sb, ",\"verdict\":");
	sb_add_json_string(&sb, s->verdict);
	sb_add(&sb, ",\"reason\":");
	sb_add_json_string(&sb, s->reason);
	sb_add(&sb, ",\"evidence\":");
	sb_add(&sb, s->evidence && s->evidence[0] == '[' ? s->evidence : "[]");
	sb_addf(&sb, ",\"paths\":%d,\"needs\":[", s->paths);
	if (s->needs & 1)
		sb_add(&sb, "\"pagefault_disable\"");
	if (s->needs & 2)
		sb_addf(&sb, "%s\"preempt_disable\"", s->needs & 1 ? "," : "");
	sb_addf(&sb, "],\"partner_line\":%d,\"key\":", s->partner_line);
	sb_add_json_string(&sb, s->key ? s->key : "");
	if (s->escape_callee) {
		sb_add(&sb, ",\"escape_callee\":");
		sb_add_json_string(&sb, s->escape_callee);
	}
	if (extra)
		sb_add(&sb, extra);
	sb_add(&sb, "}\n");
	fputs(sb.buf, out);
	sb_free(&sb);
}

void emit_sarif_log(FILE *out, const struct sarif_rule *rules, int nrules,
		    const struct sarif_result *results, int nresults)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
		    "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"kmapcheck\",\"informationUri\":");
	sb_add_json_string(&sb, SARIF_INFO_URI);
	sb_add(&sb, ",\"rules\":[");
	for (int i = 0; i < nrules; i++) {
		sb_add(&sb, i ? ",{\"id\":" : "{\"id\":");
		sb_add_json_string(&sb, rules[i].id);
		sb_add(&sb, ",\"shortDescription\":{\"text\":");
		sb_add_json_string(&sb, rules[i].short_desc);
		sb_add(&sb, "},\"help\":{\"text\":");
		sb_add_json_string(&sb, rules[i].help);
		sb_add(&sb, "},\"helpUri\":");
		sb_add_json_string(&sb, rules[i].help_uri ? rules[i].help_uri : SARIF_INFO_URI);
		sb_add(&sb, "}");
	}
	sb_add(&sb, "]}},\"results\":[");
	for (int i = 0; i < nresults; i++) {
		const struct sarif_result *r = &results[i];
		int rule_index = 0;

		for (int k = 0; k < nrules; k++)
			if (!strcmp(rules[k].id, r->rule_id))
				rule_index = k;
		sb_add(&sb, i ? ",{\"ruleId\":" : "{\"ruleId\":");
		sb_add_json_string(&sb, r->rule_id);
		sb_addf(&sb, ",\"ruleIndex\":%d,\"level\":", rule_index);
		sb_add_json_string(&sb, r->level);
		sb_add(&sb, ",\"message\":{\"text\":");
		sb_add_json_string(&sb, r->message);
		sb_add(&sb, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		sb_add_json_string(&sb, r->site->file);
		sb_addf(&sb, "},\"region\":{\"startLine\":%d,\"startColumn\":%d}}}]",
			r->site->line > 0 ? r->site->line : 1, r->site->col > 0 ? r->site->col : 1);
		sb_add(&sb, ",\"partialFingerprints\":{\"kmapcheckKey\":");
		sb_add_json_string(&sb, r->site->key ? r->site->key : "");
		sb_add(&sb, "}}");
	}
	sb_add(&sb, "]}]}\n");
	fputs(sb.buf, out);
	sb_free(&sb);
}

static void emit_sarif(FILE *out, const struct scan_result *res)
{
	static const char help[] = "See Documentation/mm/highmem.rst: kmap_local_page() mappings are "
				   "thread-local and must be released in reverse order.";
	static const struct sarif_rule rules[] = {
		{ "kmap-deprecated", "kmap()/kmap_atomic() is deprecated; use kmap_local_page()", help, NULL },
		{ "kmap-map", "a mapping call and its verdict", help, NULL },
		{ "kmap-unmap", "an unmapping call and the verdict of the mapping it releases", help, NULL },
		{ "kmap-helper", "a memcpy_*_page()/memzero_page() helper", help, NULL },
	};
	struct sarif_result *results = xcalloc(res->nsites + 1, sizeof(*results));

	for (int i = 0; i < res->nsites; i++) {
		const struct site_out *s = &res->sites[i];
		bool dep = api_is_deprecated(s->api) && !strcmp(s->role, "map");

		results[i].site = s;
		results[i].rule_id = dep ? "kmap-deprecated" :
				     !strcmp(s->role, "unmap") ? "kmap-unmap" :
				     !strcmp(s->role, "helper") ? "kmap-helper" : "kmap-map";
		results[i].level = dep || verdict_is_bad(s->verdict) ? "warning" : "note";
		results[i].message = xasprintf("%s()%s verdict %s: %s", s->api, dep ? " is deprecated;" : "",
					       s->verdict, s->reason);
	}
	emit_sarif_log(out, rules, ARRAY_SIZE(rules), results, res->nsites);
	for (int i = 0; i < res->nsites; i++)
		free((char *)results[i].message);
	free(results);
}

void emit_sites(FILE *out, enum out_format fmt, const struct scan_result *res)
{
	if (fmt == FMT_SARIF) {
		emit_sarif(out, res);
		return;
	}
	for (int i = 0; i < res->nsites; i++) {
		if (fmt == FMT_JSON)
			emit_site_json(out, &res->sites[i], NULL);
		else if (fmt == FMT_TEXT)
			emit_site_text(out, &res->sites[i]);
		else if (fmt == FMT_SITES)
			fprintf(out, "%s:%d:%d: %s %s in %s%s%s\n", res->sites[i].file, res->sites[i].line,
				res->sites[i].col, res->sites[i].api, res->sites[i].role,
				res->sites[i].function, res->sites[i].macro ? " via macro " : "",
				res->sites[i].macro ? res->sites[i].macro : "");
	}
	fflush(out);
}

struct count {
	const char *key;
	int n;
};

static void bump(struct count **v, int *n, const char *key)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key)) {
			(*v)[i].n++;
			return;
		}
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].key = key;
	(*v)[*n].n = 1;
	(*n)++;
}

static int cmp_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	return y->n != x->n ? y->n - x->n : strcmp(x->key, y->key);
}

void emit_summary(FILE *err, const struct scan_result *res)
{
	struct count *verdicts = NULL, *reasons = NULL, *apis = NULL;
	int nv = 0, nr = 0, na = 0, dep = 0, in_site_funcs = 0, missing = 0, unknown_flags = 0;
	char skipped[96] = "";

	for (int i = 0; i < res->inputs.n; i++) {
		const struct file_out *fo = &res->files[i];

		if (fo->errors_in_site_funcs) {
			in_site_funcs++;
			if (fo->missing_headers)
				missing++;
			else if (fo->unknown_flags)
				unknown_flags++;
		}
	}
	fprintf(err, "kmapcheck: %d of %d C files mention a mapping API",
		res->candidates - res->headers_alone - res->inputs.includers, res->inputs.walked);
	if (res->inputs.includers)
		fprintf(err, ", %d more #include %s", res->inputs.includers,
			res->inputs.includers == 1 ? "one of them" : "those");
	if (res->headers_alone)
		fprintf(err, ", and %d header%s parsed on %s own", res->headers_alone,
			res->headers_alone == 1 ? "" : "s", res->headers_alone == 1 ? "its" : "their");
	fprintf(err, "; %d parsed (%d from the cache), %d could not be analysed\n", res->parsed,
		res->cached, res->failed);
	if (res->inputs.skipped_user_space)
		fprintf(err, "kmapcheck: %s/ not scanned: user-space programs, not kernel code "
			     "(name it to scan it)\n", KERNEL_USER_SPACE_DIR);
	fprintf(err, "kmapcheck: parse quality: %d files with errors, %d of them inside a function that "
		     "holds a site (missing header: %d, unknown flag: %d, other: %d)\n",
		res->with_errors, in_site_funcs, missing, unknown_flags,
		in_site_funcs - missing - unknown_flags);
	if (res->pch_skipped)
		snprintf(skipped, sizeof(skipped), ", %d not built: fewer than %d files each",
			 res->pch_skipped, PCH_MIN_VARIANT_FILES);
	if (res->pch_built || res->pch_failed)
		fprintf(err, "kmapcheck: precompiled <linux/highmem.h> and %d common headers: %d variant%s "
			     "(%d could not be built, %d with <linux/highmem.h> alone%s); "
			     "%d files parsed with it, %d of them again without it (an error with it)\n",
			pch_ncommon_headers(), res->pch_built, res->pch_built == 1 ? "" : "s",
			res->pch_failed, res->pch_reduced, skipped,
			res->pch_files + res->pch_retried, res->pch_retried);
	if (res->pch_why_reduced)
		fprintf(err, "kmapcheck: a PCH holds <linux/highmem.h> alone: %s\n", res->pch_why_reduced);
	if (res->pch_why_failed)
		fprintf(err, "kmapcheck: a PCH could not be built: %s\n", res->pch_why_failed);
	for (int i = 0; i < res->nsites; i++) {
		const struct site_out *s = &res->sites[i];

		bump(&apis, &na, s->api);
		if (!api_is_deprecated(s->api) || strcmp(s->role, "map"))
			continue;
		dep++;
		bump(&verdicts, &nv, s->verdict);
		if (!strcmp(s->verdict, "unknown"))
			bump(&reasons, &nr, s->reason);
	}
	qsort(apis, na, sizeof(*apis), cmp_count);
	fprintf(err, "kmapcheck: %d sites:", res->nsites);
	for (int i = 0; i < na; i++)
		fprintf(err, " %s %d%s", apis[i].key, apis[i].n, i + 1 < na ? "," : "");
	fputc('\n', err);
	qsort(verdicts, nv, sizeof(*verdicts), cmp_count);
	fprintf(err, "kmapcheck: verdicts of the %d deprecated mapping sites:", dep);
	for (int i = 0; i < nv; i++)
		fprintf(err, " %s %d%s", verdicts[i].key, verdicts[i].n, i + 1 < nv ? "," : "");
	fputc('\n', err);
	if (nr) {
		qsort(reasons, nr, sizeof(*reasons), cmp_count);
		fprintf(err, "kmapcheck: most common reasons for unknown:\n");
		for (int i = 0; i < nr && i < 8; i++)
			fprintf(err, "  %5d  %s\n", reasons[i].n, reasons[i].key);
	}
	fprintf(err, "kmapcheck: %.1f s wall, %.1f s CPU in workers, peak RSS per worker %ld MB\n",
		res->wall, res->cpu_children, res->maxrss_kb / 1024);
	if (res->parse_cpu > 0)
		fprintf(err, "kmapcheck: time inside the workers (wall): parsing %.1f s, lowering to IR %.1f s, proofs %.1f s "
			"(lowering and proofs add %.0f%% to parsing)\n", res->parse_cpu, res->lower_cpu,
			res->prove_cpu, 100 * (res->lower_cpu + res->prove_cpu) / res->parse_cpu);
	free(verdicts);
	free(reasons);
	free(apis);
}
