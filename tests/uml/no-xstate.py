#!/usr/bin/python3
"""no-xstate.py PROGRAM [ARGS...]: exec PROGRAM with ptrace's XSTATE register set hidden.

Used by guest.sh to start Debian 12's user-mode-linux (a 6.1 kernel). That kernel reads and
writes the floating-point registers of its processes with PTRACE_GETREGSET/SETREGSET and
NT_X86_XSTATE, using a buffer sized for x87+SSE+AVX only. On a host CPU with a larger XSAVE
area (AVX-512, AMX, PKU: most current x86 servers) the host kernel rejects the short write
with EFAULT and the guest panics at its first process ("ptrace set fp regs failed, errno =
14"). UML probes for XSTATE support once, at boot, with PTRACE_GETREGSET; when that probe
fails it falls back to PTRACE_GETFPREGS/SETFPREGS (the 512-byte FXSAVE area), which every
x86-64 host accepts. This installs a seccomp filter that makes exactly that request,
ptrace(PTRACE_GETREGSET, pid, NT_X86_XSTATE, ...), fail with EIO, and then execs PROGRAM.
Everything else passes through untouched. The filter is inherited by PROGRAM and its
children; UML's emulated guest system calls never reach it.

With FXSAVE only, UML preserves just the x87/SSE registers of guest processes, so guest.sh
also tells the guest's glibc not to use AVX/AVX2/AVX-512 (GLIBC_TUNABLES).
"""
import ctypes
import os
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
AUDIT_ARCH_X86_64 = 0xC000003E
NR_PTRACE_X86_64 = 101
PTRACE_GETREGSET = 0x4204
NT_X86_XSTATE = 0x202
RET_ALLOW = 0x7FFF0000
RET_ERRNO_EIO = 0x00050000 | 5

BPF_LD_W_ABS = 0x20
BPF_JEQ_K = 0x15
BPF_RET_K = 0x06

# Offsets in struct seccomp_data: nr at 0, arch at 4, args[i] at 16 + 8*i (low half first).
OFF_NR, OFF_ARCH, OFF_ARG0, OFF_ARG2 = 0, 4, 16, 32


def insn(code, jt, jf, k):
    return struct.pack("=HBBI", code, jt, jf, k)


def program():
    # Each test jumps to the final ALLOW when it does not match; the jump offsets count
    # the instructions skipped.
    return b"".join([
        insn(BPF_LD_W_ABS, 0, 0, OFF_ARCH),
        insn(BPF_JEQ_K, 0, 7, AUDIT_ARCH_X86_64),
        insn(BPF_LD_W_ABS, 0, 0, OFF_NR),
        insn(BPF_JEQ_K, 0, 5, NR_PTRACE_X86_64),
        insn(BPF_LD_W_ABS, 0, 0, OFF_ARG0),
        insn(BPF_JEQ_K, 0, 3, PTRACE_GETREGSET),
        insn(BPF_LD_W_ABS, 0, 0, OFF_ARG2),
        insn(BPF_JEQ_K, 0, 1, NT_X86_XSTATE),
        insn(BPF_RET_K, 0, 0, RET_ERRNO_EIO),
        insn(BPF_RET_K, 0, 0, RET_ALLOW),
    ])


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: no-xstate.py PROGRAM [ARGS...]")
    code = program()
    buf = ctypes.create_string_buffer(code, len(code))
    fprog = SockFprog(len(code) // 8, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p,
                           ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, None, 0, 0) != 0:
        sys.exit("no-xstate.py: prctl(PR_SET_NO_NEW_PRIVS): "
                 + os.strerror(ctypes.get_errno()))
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        sys.exit("no-xstate.py: prctl(PR_SET_SECCOMP): " + os.strerror(ctypes.get_errno()))
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as e:
        sys.exit(f"no-xstate.py: cannot run {sys.argv[1]}: {e.strerror}")


if __name__ == "__main__":
    main()
