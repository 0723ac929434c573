/* Subcommands of the ifcc command; each returns the process exit status. */
#ifndef IFCC_CLI_H
#define IFCC_CLI_H

int cmd_lint(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_query(int argc, char **argv);

#endif
