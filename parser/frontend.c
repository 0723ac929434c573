/* Reading files: limits, text checks, Mako detection, `source` expansion, parsing. */
#include "ifcc/frontend.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grammar.h"
#include "parse_ctx.h"
#include "reader.h"
#include "scanner.h"
#include "textscan.h"

#define DEFAULT_MAX_FILE_SIZE (32u << 20)
#define DEFAULT_MAX_DEPTH 32u
#define DEFAULT_MAX_FILES 4096u
/* A file this big is parsed in two halves at once: a thread costs far less than this. */
#define DEFAULT_SPLIT_MIN (64u << 10)

/* A configuration whose arenas take their blocks from `pool` (NULL: malloc). */
static void config_init(struct ifcc_config *cfg, struct arena_pool *pool)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->pool = pool;
	arena_init_pool(&cfg->arena, pool);
	arena_init_pool(&cfg->reading, pool);
	diags_init(&cfg->diags, &cfg->arena);
	cfg->limits = (struct ifcc_limits){.max_file_size = DEFAULT_MAX_FILE_SIZE,
					   .max_depth = DEFAULT_MAX_DEPTH,
					   .max_files = DEFAULT_MAX_FILES,
					   .split_min = DEFAULT_SPLIT_MIN};
}

void ifcc_config_init(struct ifcc_config *cfg)
{
	config_init(cfg, arena_pool_new());
}

void frontend_config_init_shared(struct ifcc_config *cfg, struct ifcc_config *owner)
{
	config_init(cfg, owner->pool);
	cfg->pool_shared = true;
}

bool ifcc_config_big(const struct ifcc_config *cfg)
{
	size_t n = 0;
	for (size_t i = 0; i < cfg->ast.files.n; i++)
		n += ((const struct ifcc_file *)cfg->ast.files.v[i])->len;
	return n >= cfg->limits.split_min;
}

void ifcc_config_free(struct ifcc_config *cfg)
{
	for (size_t i = 0; i < cfg->ast.files.n; i++) {
		struct ifcc_file *f = cfg->ast.files.v[i];
		free(f->text);
		free(f->line_starts);
	}
	arena_free(&cfg->arena);
	arena_free(&cfg->reading);
	cfg->reader = NULL;
	cfg->ast = (struct ast){0};
	if (!cfg->pool_shared)
		arena_pool_free(cfg->pool);
	cfg->pool = NULL;
}

static struct reader_state *reader(struct ifcc_config *cfg)
{
	if (!cfg->reader)
		cfg->reader = arena_alloc(&cfg->reading, sizeof(*cfg->reader));
	return cfg->reader;
}

void ifcc_drop_items(struct ifcc_config *cfg)
{
	arena_free(&cfg->reading);
	cfg->ast.items = (struct ptrvec){0};
	cfg->reader = NULL;
}

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* ASCII eight bytes at a time: the common case. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/*
 * ifupdown2 renders a file with Mako when its text contains '%'. Returns the offset of
 * the first template construct (a '%' control line, '<%' or '${'), or SIZE_MAX.
 */
static size_t mako_at(const char *t, size_t len)
{
	if (!memchr(t, '%', len))
		return SIZE_MAX;
	size_t bol = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && t[i] != '\n')
			continue;
		size_t j = bol;
		while (j < i && (t[j] == ' ' || t[j] == '\t'))
			j++;
		if (j < i && t[j] == '%')
			return j;
		for (size_t k = j; k + 1 < i; k++)
			if ((t[k] == '$' && t[k + 1] == '{') || (t[k] == '<' && t[k + 1] == '%'))
				return k;
		bol = i + 1;
	}
	return SIZE_MAX;
}

/* Checks the bytes (ts says which kinds are there at all); 0 if the file should be parsed. */
static int check_text(struct ifcc_config *cfg, struct ifcc_file *f, const struct text_scan *ts)
{
	struct ifcc_diags *d = &cfg->diags;
	if (!ts->has_nul && !ts->has_high && !ts->has_percent)
		return 0;
	const char *nul = ts->has_nul ? memchr(f->text, '\0', f->len) : NULL;
	if (nul) {
		size_t at = (size_t)(nul - f->text);
		diag_add(d, IFCC_ERROR, "binary-file", ifcc_loc_span(f, at, at + 1),
			 "%s is not a text file (NUL byte); nothing of it was read", f->path);
		return -1;
	}
	size_t bad = ts->has_high ? utf8_invalid_at((const unsigned char *)f->text, f->len) : f->len;
	if (bad < f->len) {
		diag_add(d, IFCC_ERROR, "invalid-utf8", ifcc_loc_span(f, bad, bad + 1),
			 "invalid UTF-8 byte 0x%02x; nothing of %s was read",
			 (unsigned char)f->text[bad], f->path);
		return -1;
	}
	size_t m = ts->has_percent ? mako_at(f->text, f->len) : SIZE_MAX;
	if (m != SIZE_MAX) {
		diag_add(d, IFCC_ERROR, "mako-template", ifcc_loc_span(f, m, m + 1),
			 "Mako template line: ifcc does not render templates; render the file "
			 "first (nothing else of this file was read)");
		return -1;
	}
	return 0;
}

static struct ifcc_file *new_file(struct ifcc_config *cfg, const char *path)
{
	struct ifcc_file *f = arena_alloc(&cfg->arena, sizeof(*f));
	if (!f)
		return NULL;
	f->path = arena_strdup(&cfg->arena, path);
	f->index = (uint32_t)cfg->ast.files.n;
	if (!f->path || ptrvec_push(&cfg->arena, &cfg->ast.files, f) < 0)
		return NULL;
	return f;
}

/*
 * Appends stanzas read to the configuration's list. The first time at their exact number
 * (one file, as a rule: no copies left behind in the arena), then at least doubling.
 * Nonzero when out of memory.
 */
int frontend_append_stanzas(struct ifcc_config *cfg, struct ast_stanza **v, size_t n)
{
	struct ptrvec *pv = &cfg->ast.stanzas;
	if (!n)
		return 0;
	if (pv->n + n > pv->cap) {
		size_t cap = pv->n + n > 2 * pv->cap ? pv->n + n : 2 * pv->cap;
		void **nv = arena_alloc_raw(&cfg->arena, cap * sizeof(*nv));
		if (!nv)
			return 1;
		if (pv->n)
			memcpy(nv, pv->v, pv->n * sizeof(*nv));
		pv->v = nv;
		pv->cap = cap;
	}
	memcpy(pv->v + pv->n, v, n * sizeof(*v));
	pv->n += n;
	return 0;
}

int frontend_parse_range(struct ifcc_config *cfg, struct ifcc_file *f, uint32_t begin,
			 uint32_t end, struct split_sync *prior)
{
	struct parse_ctx pc = {.cfg = cfg, .file = f, .prior = prior};
	struct scan_extra x = {.pc = &pc, .off = begin, .limit = f->text + end};
	arena_init_pool(&pc.scratch, cfg->pool);
	yyscan_t sc;
	if (yylex_init_extra(&x, &sc))
		return -ENOMEM;
	YY_BUFFER_STATE b = yy_scan_buffer(f->text + begin, end - begin + 2, sc);
	int r = b ? yyparse(sc, &pc) : 2;
	build_end_stanza(&pc);
	if (b)
		yy_delete_buffer(b, sc);
	yylex_destroy(sc);
	free(x.buf);
	free(x.seg);
	free(pc.pend);
	free(pc.pend_raw);
	free(pc.line_words.v);
	free(pc.line_text);
	int oom = frontend_append_stanzas(cfg, pc.stanzas, pc.nstanzas);
	free(pc.stanzas);
	arena_free(&pc.scratch);
	return (r == 2 || x.oom || pc.oom || oom) ? -ENOMEM : 0;
}

/* A line index's room, made before the file is read (see read_file). */
struct index_room {
	uint32_t *v;
	size_t n;
};

static int parse_text(struct ifcc_config *cfg, struct ifcc_file *f, struct index_room room)
{
	if (f->len > AST_TEXT_OFF_MASK) {
		/* Offsets are 31 bits (ast_text.where); the size limit is far below that. */
		diag_add(&cfg->diags, IFCC_ERROR, "file-too-large", ifcc_loc_span(f, 0, 0),
			 "%s is %zu bytes; files larger than %u bytes are refused", f->path, f->len,
			 AST_TEXT_OFF_MASK);
		free(room.v);
		return 0;
	}
	struct text_scan ts;
	if (text_scan(f->text, f->len, room.v, room.n, &ts) < 0)
		return -ENOMEM;
	f->line_starts = ts.line_starts;
	f->nlines = ts.nlines;
	if (check_text(cfg, f, &ts) < 0)
		return 0;
	/* The name set sized once for the usual file, about a name per 8 lines (`auto`,
	 * `iface` and a few attributes); more names grow it. */
	if (strset_reserve(&cfg->reading, &cfg->reader->names,
			   cfg->reader->names.n + f->nlines / 8) < 0)
		return -ENOMEM;
	uint32_t at = f->len >= cfg->limits.split_min ? frontend_split_point(f) : 0;
	if (at)
		return frontend_parse_split(cfg, f, at);
	return frontend_parse_range(cfg, f, 0, (uint32_t)f->len, NULL);
}

static int attach_text(struct ifcc_file *f, const char *data, size_t len)
{
	f->text = malloc(len + 2);
	if (!f->text)
		return -ENOMEM;
	memcpy(f->text, data, len);
	f->text[len] = f->text[len + 1] = '\0';
	f->len = len;
	return 0;
}

/* The arenas take about seven times a file's bytes (the N=4000 bench leaf: 6 MiB for
 * 0.85 MiB); five times is announced, so that what the pool backs with huge pages is
 * filled. */
static void expect_file(struct ifcc_config *cfg, size_t len)
{
	arena_pool_expect(cfg->pool, len * 5);
}

int ifcc_load_buffer(struct ifcc_config *cfg, const char *name, const char *data, size_t len)
{
	if (!reader(cfg))
		return -ENOMEM;
	struct ifcc_file *f = new_file(cfg, name);
	if (!f || attach_text(f, data, len) < 0)
		return -ENOMEM;
	expect_file(cfg, len);
	return parse_text(cfg, f, (struct index_room){NULL, 0});
}

/*
 * Reads f->path into f. Refuses what is not a regular file or is too big, before
 * reading a byte of it: /dev/zero or a FIFO must not hang or exhaust memory.
 */
static int read_file(struct ifcc_config *cfg, struct ifcc_file *f, struct ifcc_loc at,
		     bool top, struct index_room *room)
{
	*room = (struct index_room){NULL, 0};
	struct ifcc_diags *d = &cfg->diags;
	enum ifcc_severity sev = IFCC_ERROR;
	int fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		diag_add(d, sev, "file-unreadable", at, "cannot read %s: %s", f->path, strerror(e));
		return -e;
	}
	struct stat st;
	int r = 0;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		diag_add(d, sev, "file-unreadable", at, "cannot read %s: %s", f->path, strerror(-r));
	} else if (S_ISDIR(st.st_mode)) {
		r = -EISDIR;
		diag_add(d, sev, "file-unreadable", at, "cannot read %s: it is a directory%s",
			 f->path, top ? "" : " (use source-directory, or a glob such as DIR/*)");
	} else if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		diag_add(d, sev, "file-unreadable", at,
			 "cannot read %s: not a regular file (a device, FIFO or socket)", f->path);
	} else if ((size_t)st.st_size > cfg->limits.max_file_size) {
		r = -EFBIG;
		diag_add(d, sev, "file-too-large", at,
			 "%s is %lld bytes; files larger than %zu bytes are refused", f->path,
			 (long long)st.st_size, cfg->limits.max_file_size);
	}
	if (r < 0) {
		close(fd);
		return r;
	}
	size_t cap = (size_t)st.st_size, len = 0;
	f->text = malloc(cap + 2);
	if (!f->text) {
		close(fd);
		return -ENOMEM;
	}
	/* The line index's room too (parse_text fills it): both are mapped before the pool
	 * may start faulting in its part on another thread, which a mapping made meanwhile
	 * would wait for. Without room, text_scan makes its own. */
	room->n = text_scan_room(cap);
	room->v = malloc(room->n * sizeof(*room->v));
	expect_file(cfg, cap);
	/* read() would fault the buffer in a page at a time as it copies: on the N=4000
	 * bench leaf (218 pages) faulting it in first makes a lint about 0.1 ms faster. */
	arena_prefault(f->text, cap);
	for (;;) {
		/* With the buffer full (as a rule, the whole file), a read into `probe` finds
		 * the end without growing the buffer first. */
		char probe[4096];
		bool full = len == cap;
		ssize_t n = full ? read(fd, probe, sizeof(probe)) : read(fd, f->text + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			diag_add(d, sev, "file-unreadable", at, "cannot read %s: %s", f->path,
				 strerror(-r));
			break;
		}
		if (n == 0)
			break;
		if (full) {
			/* The file grew while we read it: stop at the limit. */
			if (cap >= cfg->limits.max_file_size)
				break;
			cap = cap ? cap * 2 : 4096;
			char *t = realloc(f->text, cap + 2);
			if (!t) {
				r = -ENOMEM;
				break;
			}
			f->text = t;
			memcpy(f->text + len, probe, (size_t)n);
		}
		len += (size_t)n;
	}
	close(fd);
	if (r < 0) {
		free(f->text);
		f->text = NULL;
		free(room->v);
		*room = (struct index_room){NULL, 0};
		return r;
	}
	f->len = len;
	f->text[len] = f->text[len + 1] = '\0';
	return 0;
}

int ifcc_load_file(struct ifcc_config *cfg, const char *path)
{
	if (!reader(cfg))
		return -ENOMEM;
	struct ifcc_file *f = new_file(cfg, path);
	if (!f)
		return -ENOMEM;
	cfg->reader->nfiles++;
	struct ifcc_loc at = {.file = f};
	struct index_room room;
	int r = read_file(cfg, f, at, true, &room);
	if (r < 0)
		return r;
	return parse_text(cfg, f, room);
}

void frontend_source_file(struct parse_ctx *pc, const char *path, struct ifcc_span sp,
			  struct ast_item *item)
{
	struct ifcc_config *cfg = pc->cfg;
	struct ifcc_diags *d = &cfg->diags;
	struct ifcc_loc at = ctx_loc(pc, sp);
	if (pc->file->depth + 1 > cfg->limits.max_depth) {
		diag_add(d, IFCC_ERROR, "source-depth", at,
			 "'source' nested deeper than %u files; %s not read", cfg->limits.max_depth,
			 path);
		return;
	}
	if (cfg->reader->nfiles >= cfg->limits.max_files) {
		diag_add(d, IFCC_ERROR, "source-too-many", at,
			 "more than %zu files read; %s not read", cfg->limits.max_files, path);
		return;
	}
	/* A loop: this file is already being read further up the chain. */
	char canon[PATH_MAX];
	if (realpath(path, canon)) {
		for (const struct ifcc_file *p = pc->file; p; p = p->parent) {
			char pcanon[PATH_MAX];
			if (!realpath(p->path, pcanon) || strcmp(pcanon, canon))
				continue;
			struct ifcc_diag *g = diag_add(d, IFCC_ERROR, "source-loop", at,
						       "'source' loop: %s is already being read",
						       path);
			for (const struct ifcc_file *q = pc->file; q; q = q->parent) {
				if (!q->parent)
					break;
				diag_note(d, g,
					  (struct ifcc_loc){.file = q->parent,
							    .line = q->parent_line,
							    .col = q->parent_col,
							    .end_line = q->parent_line,
							    .end_col = q->parent_col},
					  "%s was read from here", q->path);
				if (q == p)
					break;
			}
			return;
		}
	}
	struct ifcc_file *f = new_file(cfg, path);
	if (!f)
		return;
	cfg->reader->nfiles++;
	f->parent = pc->file;
	f->parent_line = at.line;
	f->parent_col = at.col;
	f->depth = pc->file->depth + 1;
	ptrvec_push(&cfg->reading, &item->files, f);
	struct index_room room;
	if (read_file(cfg, f, at, false, &room) < 0)
		return;
	/* The stanzas before the `source` line come before the file's own. */
	if (frontend_append_stanzas(cfg, pc->stanzas, pc->nstanzas))
		pc->oom = 1;
	pc->nstanzas = 0;
	parse_text(cfg, f, room);
}

/* `source` patterns are relative to the including file's folder (as ifupdown2 >= 3.3). */
static const char *resolve(struct parse_ctx *pc, const char *pat)
{
	if (pat[0] == '/')
		return pat;
	const char *slash = strrchr(pc->file->path, '/');
	if (!slash)
		return pat;
	return arena_printf(&pc->cfg->arena, "%.*s/%s", (int)(slash - pc->file->path),
			    pc->file->path, pat);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void source_directory(struct parse_ctx *pc, const char *dir, struct ifcc_span sp,
			     struct ast_item *it)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		int e = errno;
		diag_add(&pc->cfg->diags, e == ENOENT ? IFCC_WARNING : IFCC_ERROR,
			 e == ENOENT ? "source-missing" : "file-unreadable", ctx_loc(pc, sp),
			 "cannot read directory %s: %s", dir, strerror(e));
		return;
	}
	struct ptrvec names = {0};
	struct dirent *de;
	while ((de = readdir(dp))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *p = arena_printf(&pc->cfg->arena, "%s/%s", dir, de->d_name);
		struct stat st;
		if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode))
			ptrvec_push(&pc->cfg->arena, &names, p);
	}
	closedir(dp);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n; i++)
		frontend_source_file(pc, names.v[i], sp, it);
}

void build_source(struct parse_ctx *pc, bool directory, struct ifcc_span kw,
		  struct ptrvec *words, struct ifcc_span line)
{
	build_end_stanza(pc);
	pc->swallow = false;
	struct ifcc_diags *d = &pc->cfg->diags;
	const char *kwname = directory ? "source-directory" : "source";
	if (!words || words->n == 0) {
		diag_add(d, IFCC_ERROR, "source-empty", ctx_loc(pc, kw), "'%s' needs a path",
			 kwname);
		return;
	}
	struct ast_item *it = arena_alloc(&pc->cfg->reading, sizeof(*it));
	const struct ast_text *pat = words->v[0];
	if (!it)
		return;
	it->kind = AST_ITEM_SOURCE;
	it->loc = ctx_loc(pc, line);
	struct ast_word *w = arena_alloc(&pc->cfg->reading, sizeof(*w));
	if (!w)
		return;
	w->text = pat->s;
	w->loc = ast_text_loc(pat, 0, pat->len);
	ptrvec_push(&pc->cfg->reading, &it->words, w);
	ptrvec_push(&pc->cfg->reading, &pc->cfg->ast.items, it);
	if (words->n > 1) {
		const struct ast_text *x = words->v[1];
		diag_add(d, IFCC_WARNING, "extra-words", ast_text_loc(x, 0, x->len),
			 "'%s' reads one path; the words after it are ignored", kwname);
	}
	const char *path = resolve(pc, pat->s);
	if (!path)
		return;
	/* Problems reading the files, and "In file included from", point at the path. */
	struct ifcc_span at = {ast_text_foff(pat), ast_text_foff(pat) + pat->len};
	if (directory) {
		source_directory(pc, path, at, it);
		return;
	}
	glob_t g;
	int r = glob(path, 0, NULL, &g);
	if (r == GLOB_NOMATCH || (r == 0 && g.gl_pathc == 0)) {
		/* ifupdown2 is silent when a wildcard matches nothing, and so is ifcc. */
		if (!strchr(pat->s, '*'))
			diag_add(d, IFCC_WARNING, "source-missing", w->loc,
				 "cannot find source file %s", path);
	} else if (r != 0) {
		diag_add(d, IFCC_ERROR, "file-unreadable", w->loc, "cannot expand %s", path);
	} else {
		for (size_t i = 0; i < g.gl_pathc; i++)
			frontend_source_file(pc, g.gl_pathv[i], at, it);
	}
	globfree(&g);
}
