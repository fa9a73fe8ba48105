// SPDX-License-Identifier: GPL-2.0
/*
 * cx_compdb.c - compile flags from a compile_commands.json, read by libclang.
 *
 * kmapcheck has no JSON parser of its own: CXCompilationDatabase reads the file.
 */
#include <clang-c/CXCompilationDatabase.h>
#include <string.h>

#include "flags.h"

struct cx_compdb {
	CXCompilationDatabase db;
	char *dir;
};

struct cx_compdb *compdb_open(const char *dir)
{
	char *d = xstrdup(dir);

	/* Look in @dir and its parents, as clang tools do. */
	for (;;) {
		char *path = path_join(d, "compile_commands.json");
		bool found = path_is_file(path);

		free(path);
		if (found) {
			CXCompilationDatabase_Error err;
			CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(d, &err);

			if (err == CXCompilationDatabase_NoError && db) {
				struct cx_compdb *c = xcalloc(1, sizeof(*c));

				c->db = db;
				c->dir = d;
				return c;
			}
			break;
		}
		char *slash = strrchr(d, '/');

		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	return NULL;
}

static char *str_and_dispose(CXString cs)
{
	const char *c = clang_getCString(cs);
	char *p = xstrdup(c ? c : "");

	clang_disposeString(cs);
	return p;
}

bool compdb_flags(struct cx_compdb *c, const char *file, struct flagset *out)
{
	CXCompileCommands cmds;
	CXCompileCommand cmd;
	unsigned n;

	if (!c)
		return false;
	cmds = clang_CompilationDatabase_getCompileCommands(c->db, file);
	if (!cmds)
		return false;
	if (clang_CompileCommands_getSize(cmds) == 0) {
		clang_CompileCommands_dispose(cmds);
		return false;
	}
	cmd = clang_CompileCommands_getCommand(cmds, 0);
	n = clang_CompileCommand_getNumArgs(cmd);
	out->working_dir = str_and_dispose(clang_CompileCommand_getDirectory(cmd));
	/* argv[0] is the compiler. */
	for (unsigned i = 1; i < n; i++) {
		char *a = str_and_dispose(clang_CompileCommand_getArg(cmd, i));

		flagset_add(out, a);
		free(a);
	}
	out->origin = xstrdup("compile_commands.json");
	clang_CompileCommands_dispose(cmds);
	flags_sanitize(out, file);
	return true;
}

void compdb_close(struct cx_compdb *c)
{
	if (!c)
		return;
	clang_CompilationDatabase_dispose(c->db);
	free(c->dir);
	free(c);
}
