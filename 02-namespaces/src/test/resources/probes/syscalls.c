/*
 * A probe for the confinement tests: makes each system call that a
 * container must not make, with arguments the kernel refuses anyway
 * (EINVAL, ENOEXEC, EOPNOTSUPP on the host), and prints the errno it got,
 * one "name errno" line each. Inside a confined container every one must
 * say EPERM: the seccomp filter (or a dropped capability) stopped it first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void report(const char *name, long result) {
    printf("%s %s\n", name, result == 0 ? "OK" : strerrorname_np(errno));
}

int main(void) {
    struct timeval bad = {.tv_sec = 0, .tv_usec = 2000000}; /* invalid: more than a second of microseconds */
    report("settimeofday", syscall(SYS_settimeofday, &bad, NULL));
    report("reboot", syscall(SYS_reboot, 0, 0, 0, NULL));                 /* wrong magic numbers */
    report("init_module", syscall(SYS_init_module, "", 0UL, ""));         /* an empty module */
    report("keyctl", syscall(SYS_keyctl, 0x7fff, 0, 0, 0, 0));            /* no such operation */
    report("bpf", syscall(SYS_bpf, 0x7fff, NULL, 0));                      /* no such command */
    report("unshare", unshare(CLONE_NEWUSER | CLONE_NEWNS));
    report("mount", syscall(SYS_mount, "none", "/nonexistent", "tmpfs", 0UL, NULL));
    return 0;
}
