/* ifcc: compiler for ifupdown2-dialect /etc/network/interfaces files. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
	fputs("usage: ifcc COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "commands:\n"
	      "  lint [--format=text|json] [--werror] FILE...   check files, no root needed\n"
	      "  query [-i FILE] [-a | IFACE...] [-o native|json] [-x] [-l] ...\n"
	      "                                                 ifupdown2's ifquery, from the file\n"
	      "  show [-o text|json] [-i FILE] [IFACE...]       what ifcc understood, per interface\n"
	      "  state realise [-i FILE] [-o json|text]         the kernel state the file asks for\n"
	      "  state dump [-o json|text]                      the running kernel's state (netlink)\n"
	      "  diff [-i FILE] [--against-config OLD | --against-state SNAPSHOT]\n"
	      "       [-a | IFACE...] [--format=text|ip|json]   what applying FILE would change\n"
	      "  apply [-i FILE] [-a | IFACE...] [-n] [-v]      make the kernel what FILE asks for\n"
	      "  reload [-i FILE] [-a | --allow CLASS] [-n]     apply, and remove what FILE dropped\n"
	      "  up [-i FILE] [-a | IFACE...] [-n]              apply some interfaces (= apply)\n"
	      "  down [-i FILE] [-a | IFACE...] [-n]            take interfaces down\n"
	      "  check [-i FILE] [--against-state SNAPSHOT] [-a | IFACE...]\n"
	      "                                                 [pass]/[fail] per attribute line\n"
	      "  help                                           this text\n",
	      out);
}

int main(int argc, char **argv)
{
	/* run as ifup, ifdown, ifreload or ifquery (links to ifcc) */
	const char *prog = argc ? strrchr(argv[0], '/') : NULL;
	prog = prog ? prog + 1 : argc ? argv[0] : "ifcc";
	if (!strcmp(prog, "ifup") || !strcmp(prog, "ifdown") || !strcmp(prog, "ifreload") ||
	    !strcmp(prog, "ifquery"))
		return ifupdown_main(prog, argc, argv);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "lint"))
		return cmd_lint(argc - 1, argv + 1);
	if (!strcmp(argv[1], "query"))
		return cmd_query(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "down"))
		return cmd_down(argc - 1, argv + 1);
	if (!strcmp(argv[1], "up"))
		return cmd_apply(argc - 1, argv + 1);
	if (!strcmp(argv[1], "reload"))
		return cmd_reload(argc - 1, argv + 1);
	if (!strcmp(argv[1], "apply"))
		return cmd_apply(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "diff"))
		return cmd_diff(argc - 1, argv + 1);
	if (!strcmp(argv[1], "state"))
		return cmd_state(argc - 1, argv + 1);
	fprintf(stderr, "ifcc: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
