# Sourced by the tests that run on this machine's own kernel: sets `ns`, the command that
# runs what follows it in a new, throwaway network namespace (a plain one for root, one
# inside a user namespace for anyone else), and fails the test (exit 1) when no namespace
# can be made: such a test never skips.
ns=(unshare -n)
[ "$(id -u)" = 0 ] || ns=(unshare -rn)
if ! "${ns[@]}" true; then
	echo "FAIL: cannot create a network namespace with ${ns[*]} (root or user namespaces needed)"
	exit 1
fi
