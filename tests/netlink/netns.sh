#!/usr/bin/env bash
# Host-kernel test of `ifcc state dump`: in a throwaway network namespace, iproute2 builds
# a bridge with two veth ports, a private macvlan on it with a MAC, an alias and two
# addresses at metric 1024, an FDB `self` entry on the bridge, a VXLAN device, default
# routes via gateways and accept_dad=0 on the macvlan; then `ifcc state dump -o json` and
# iproute2 (`ip -d -j link`, `ip -j addr`, `bridge -j fdb`, `ip -d -j route`, sysctl) read
# the same namespace, and check.py compares them. This machine's own network is never
# touched: everything happens inside `unshare -n`, which ends with the test. A machine
# that cannot make a namespace fails the test: it does not skip.
#
#   netns.sh IFCC DIR
set -euo pipefail
ifcc=$(realpath "$1")
dir=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
"${ns[@]}" sh -c '
	set -e
	ifcc=$1
	cd "$2"
	ip link set lo up
	ip link add br0 type bridge
	ip link add veth1 type veth peer name veth1p
	ip link add veth2 mtu 9000 type veth peer name veth2p mtu 9000
	ip link set veth1 master br0
	ip link set veth2 master br0
	ip link add vxlan100 type vxlan id 100 local 10.0.0.1 dstport 4789 nolearning
	ip link set vxlan100 master br0
	ip addr add 10.1.10.2/24 dev br0
	ip link add br0-v0 link br0 address 00:00:5e:00:01:0a type macvlan mode private
	ip link set br0-v0 alias "vrr gateway"
	echo 0 > /proc/sys/net/ipv6/conf/br0-v0/accept_dad
	ip addr add 10.1.10.1/24 dev br0-v0 metric 1024
	ip addr add 2001:db8:10::1/64 dev br0-v0 metric 1024
	bridge fdb add 00:00:5e:00:01:0a dev br0 self
	for d in br0 veth1 veth1p veth2 veth2p vxlan100 br0-v0; do ip link set "$d" up; done
	ip route add default via 10.1.10.254 dev br0
	ip -6 route add default via fe80::1 dev br0 metric 10
	# Carrier changes reach IPv6 (link-local addresses, their multicast FDB entries) a
	# moment later, and DAD ends later still: wait until addresses and FDB hold still.
	prev=
	for i in $(seq 20); do
		cur=$(ip -j addr show; bridge -j fdb show)
		[ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 1
	done
	"$ifcc" state dump -o json > dump.json
	ip -d -j link show > link.json
	ip -j addr show > addr.json
	bridge -j fdb show > fdb.json
	ip -4 -d -j route show table all > route4.json
	ip -6 -d -j route show table all > route6.json
	sysctl -a 2>/dev/null | grep "^net\.ipv[46]\.conf\." > sysctl.txt || true
' sh "$ifcc" "$work"
/usr/bin/python3 "$dir/check.py" "$work"
