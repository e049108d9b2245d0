/*
 * The C test harness of pam_hpc_mfa (make check): the module, built with AddressSanitizer and UBSan, runs inside
 * the real libpam (pam_start_confdir with a private PAM configuration directory, no root, nothing in /etc/pam.d)
 * against helpers that misbehave the way a broken or hostile helper would: hangs, endless lines, lines without
 * newline, wrong exit codes, death by signal, a missing program. Every case must end in the refusal it should,
 * within its time, with the syslog line an operator needs, and never with the typed code in the log.
 *
 * The module's syslog lines are caught by defining syslog here (the harness is linked with -rdynamic, so libpam's
 * calls resolve to these functions).
 *
 * Usage: pam_harness /path/to/pam_hpc_mfa.so WORKDIR
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <security/pam_appl.h>

#define SERVICE "hpc-mfa-harness"
#define CODE "123456"
#define LOG_SIZE 65536
#define SEEN_SIZE 65536
#define INHERITED_FD 42

/* ---- captured syslog --------------------------------------------------------------------------------------- */

static char captured_log[LOG_SIZE];
static size_t captured_used;
static int wrong_facility;

static void capture(int priority, const char *format, va_list args) {
    if ((priority & LOG_FACMASK) != LOG_AUTHPRIV) {
        wrong_facility = 1;
    }
    if (captured_used + 2 < sizeof(captured_log)) {
        int n = vsnprintf(captured_log + captured_used, sizeof(captured_log) - captured_used - 1, format, args);
        if (n > 0) {
            captured_used += (size_t) n < sizeof(captured_log) - captured_used - 2
                             ? (size_t) n : sizeof(captured_log) - captured_used - 2;
            captured_log[captured_used++] = '\n';
            captured_log[captured_used] = '\0';
        }
    }
}

void syslog(int priority, const char *format, ...) {
    va_list args;
    va_start(args, format);
    capture(priority, format, args);
    va_end(args);
}

void vsyslog(int priority, const char *format, va_list args) {
    capture(priority, format, args);
}

void __syslog_chk(int priority, int flag, const char *format, ...);
void __syslog_chk(int priority, int flag, const char *format, ...) {
    (void) flag;
    va_list args;
    va_start(args, format);
    capture(priority, format, args);
    va_end(args);
}

void __vsyslog_chk(int priority, int flag, const char *format, va_list args);
void __vsyslog_chk(int priority, int flag, const char *format, va_list args) {
    (void) flag;
    capture(priority, format, args);
}

/* ---- the conversation: what the user would see and type --------------------------------------------------- */

struct exchange {
    const char *answer;      /* typed at every prompt; NULL: the user gives none (the conversation fails) */
    int delay_ms;            /* before answering */
    char seen[SEEN_SIZE];    /* every message, one per line, prefixed with its style */
    int sigpipe_changed;     /* SIGPIPE was not at its default while the user was being asked */
};

static void append(struct exchange *ex, const char *style, const char *text) {
    size_t used = strlen(ex->seen);
    snprintf(ex->seen + used, sizeof(ex->seen) - used, "%s %s\n", style, text);
}

static int converse(int count, const struct pam_message **messages, struct pam_response **responses, void *data) {
    struct exchange *ex = data;
    struct sigaction current;
    sigset_t mask;
    sigaction(SIGPIPE, NULL, &current);
    pthread_sigmask(SIG_SETMASK, NULL, &mask);
    if (current.sa_handler != SIG_DFL || sigismember(&mask, SIGPIPE)) {
        ex->sigpipe_changed = 1;
    }
    struct pam_response *reply = calloc((size_t) count, sizeof(*reply));
    if (reply == NULL) {
        return PAM_BUF_ERR;
    }
    int prompted = 0;
    for (int i = 0; i < count; i++) {
        switch (messages[i]->msg_style) {
            case PAM_PROMPT_ECHO_OFF: append(ex, "PROMPT_ECHO_OFF", messages[i]->msg); prompted = 1; break;
            case PAM_PROMPT_ECHO_ON: append(ex, "PROMPT_ECHO_ON", messages[i]->msg); prompted = 1; break;
            case PAM_ERROR_MSG: append(ex, "ERROR", messages[i]->msg); break;
            default: append(ex, "INFO", messages[i]->msg); break;
        }
    }
    if (prompted && ex->answer == NULL) {
        free(reply);
        return PAM_CONV_ERR;
    }
    if (prompted && ex->delay_ms > 0) {
        usleep((useconds_t) ex->delay_ms * 1000);
    }
    for (int i = 0; i < count; i++) {
        int style = messages[i]->msg_style;
        if (style == PAM_PROMPT_ECHO_OFF || style == PAM_PROMPT_ECHO_ON) {
            reply[i].resp = strdup(ex->answer);
        }
    }
    *responses = reply;
    return PAM_SUCCESS;
}

/* ---- the cases ---------------------------------------------------------------------------------------------- */

struct test_case {
    const char *name;
    const char *script;      /* the helper, /bin/sh; @DIR@ is the case's directory. NULL: no helper file */
    int executable;          /* 0: the helper file exists without execute permission */
    const char *options;     /* module options after helper= and config= */
    const char *answer;
    int delay_ms;
    int expect;              /* PAM result */
    const char *user_sees;   /* a message the user must see (substring), or NULL */
    const char *logged;      /* a syslog line that must appear (substring, @DIR@ replaced), or NULL */
    double max_seconds;
    int (*extra)(const char *dir, const struct exchange *ex);
    const char *auth_info;   /* SSH_AUTH_INFO_0 as sshd sets it, or NULL; "@HUGE@": a value over the module's limit */
};

static int failures;

static void fail(const char *name, const char *what, const char *detail) {
    fprintf(stderr, "FAIL %s: %s%s%s\n", name, what, detail ? "\n" : "", detail ? detail : "");
    failures++;
}

/* text with every @DIR@ replaced by dir; to free */
static char *with_dir(const char *text, const char *dir) {
    size_t size = strlen(text) + 1;
    for (const char *p = strstr(text, "@DIR@"); p != NULL; p = strstr(p + 5, "@DIR@")) {
        size += strlen(dir);
    }
    char *out = malloc(size);
    if (out == NULL) {
        abort();
    }
    char *o = out;
    for (const char *p = text; *p != '\0';) {
        if (strncmp(p, "@DIR@", 5) == 0) {
            o = stpcpy(o, dir);
            p += 5;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

static int write_file(const char *path, const char *content, mode_t mode) {
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        return -1;
    }
    fputs(content, file);
    fclose(file);
    return chmod(path, mode);
}

static int exists(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* A signal mask the helper recorded from /proc/self/status ("SigBlk:" or "SigIgn:"); all ones if absent. */
static unsigned long long status_mask(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/signals", dir);
    FILE *file = fopen(path, "r");
    char line[256];
    unsigned long long mask = ~0ULL;
    while (file != NULL && fgets(line, sizeof(line), file) != NULL) {
        if (strncmp(line, name, strlen(name)) == 0) {
            mask = strtoull(line + strlen(name), NULL, 16);
        }
    }
    if (file != NULL) {
        fclose(file);
    }
    return mask;
}

static double seconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double) (now.tv_sec - start->tv_sec) + (double) (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The helper's view of the process it was started from: no inherited descriptor, default signal state. */
static int clean_start(const char *dir, const struct exchange *ex) {
    (void) ex;
    char path[4096];
    snprintf(path, sizeof(path), "%s/fds", dir);
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fprintf(stderr, "  the helper did not list its descriptors\n");
        return -1;
    }
    char name[64];
    int leaked = 0;
    while (fscanf(file, "%63s", name) == 1) {
        leaked |= atoi(name) == INHERITED_FD;
    }
    fclose(file);
    if (leaked) {
        fprintf(stderr, "  descriptor %d of the PAM application reached the helper\n", INHERITED_FD);
        return -1;
    }
    if (status_mask(dir, "SigBlk:") & (1ULL << (SIGUSR2 - 1))) {
        fprintf(stderr, "  the helper started with SIGUSR2 blocked (the caller's mask)\n");
        return -1;
    }
    if (status_mask(dir, "SigIgn:") & (1ULL << (SIGUSR1 - 1))) {
        fprintf(stderr, "  the helper started with SIGUSR1 ignored (the caller's disposition)\n");
        return -1;
    }
    return 0;
}

static int echo_on(const char *dir, const struct exchange *ex) {
    (void) dir;
    return strstr(ex->seen, "PROMPT_ECHO_ON Code: ") != NULL ? 0 : -1;
}

static int helper_not_run(const char *dir, const struct exchange *ex) {
    (void) ex;
    if (exists(dir, "ran")) {
        fprintf(stderr, "  the helper ran although the options were refused\n");
        return -1;
    }
    return 0;
}

/* What the hung helper started is gone too (killed with its process group), or only a zombie awaiting init. */
static int nothing_left_behind(const char *dir, const struct exchange *ex) {
    (void) ex;
    char path[4096], stat_line[512] = "";
    snprintf(path, sizeof(path), "%s/grandchild", dir);
    FILE *file = fopen(path, "r");
    int pid = 0;
    if (file == NULL || fscanf(file, "%d", &pid) != 1 || pid <= 0) {
        if (file != NULL) {
            fclose(file);
        }
        fprintf(stderr, "  the helper did not record the process it started\n");
        return -1;
    }
    fclose(file);
    usleep(100000);
    snprintf(path, sizeof(path), "/proc/%d/stat", pid);
    file = fopen(path, "r");
    if (file == NULL) {
        return 0;
    }
    int read_ok = fgets(stat_line, sizeof(stat_line), file) != NULL;
    fclose(file);
    const char *state = strrchr(stat_line, ')');
    if (read_ok && state != NULL && (state[2] == 'Z' || state[2] == 'X')) {
        return 0;
    }
    fprintf(stderr, "  process %d the helper started still runs: %s\n", pid, stat_line);
    kill(pid, SIGKILL);
    return -1;
}

#define ARGS_CHECK \
    "#!/bin/sh\n" \
    ": > @DIR@/ran\n" \
    "[ \"$1\" = --config ] && [ \"$2\" = @DIR@/terminal.conf ] && [ \"$3\" = mila ] && [ \"$4\" = 192.0.2.7 ] " \
    "|| { echo \"DENY unexpected arguments: $*\"; exit 1; }\n"

#define PLAIN_KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
#define CERT_KEY "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIBm0"
/* Real certificates for mila's key (ssh-keygen -s): of the realm CA (ed25519), of the user's own CA, of a second
   realm CA (RSA, the CA file's second line), and the realm one cut short. */
#define REALM_CA \
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMI8ULzbM3ixrDnXxVprc51DBc0D5uiQ4vKTnM7tG7WH realm-ca"
#define RSA_CA \
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCbXpmFe6Bc82QYUUDKt/rUkq4gsS2kgVhjuTLT/nQBDsCuHdQMZeuuDgezOGKU" \
    "C8+95Nv9fMRvfiv83djpLXfwkbEZzMUzTlfB7ehpjD8moOPQT0MUsdtZDIM7+fTW+gZCaBgEbZtteGX0q1gzsZV3eGVPiFN2t5+8" \
    "mmxC9kPOxEDF6qbjgS8Xxc7CpDrpoVfUOV9VV8h47+mnw2y1Gmrc4DsIn7OQMLtSIDgjaBiNLWYom34cZ5SBZ28Q1K4HSeHpnofn" \
    "ufWVTOJ8KAV4w8tRu1UWmWWmfnNZiGcH+K1Mava33UoLsUabiPdFgjG1qbrIvlg2FR+L7J801lvneo3N"
#define REALM_CERT \
    "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIOvRc63e+lpEeRW" \
    "xQ8ooHQ3sY8aL3PJinpUFQkKUq2tjAAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAD21" \
    "mYS1kZW1vOm1pbGE6MQAAAAgAAAAEbWlsYQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmc" \
    "AAAAAAAAAF3Blcm1pdC1hZ2VudC1mb3J3YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQ" \
    "tcHR5AAAAAAAAAA5wZXJtaXQtdXNlci1yYwAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDCPFC82zN4saw518Vaa3OdQwX" \
    "NA+bokOLyk5zO7Ru1hwAAAFMAAAALc3NoLWVkMjU1MTkAAABAiYr+9+E2OCAGDeSRbtnEidDxfW5IVhgQ7IFfaUiBFltdEZIGx6g" \
    "QLT0ONIiWO98Gki5NPHH9hF9UfoLjeXBFDQ=="
#define OWN_CERT \
    "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIFNL+culR4/PXAa" \
    "oRW6rx9d+9vO4+Jk12DB4j3LMFSemAAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAA29" \
    "3bgAAAAgAAAAEbWlsYQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmcAAAAAAAAAF3Blcm1" \
    "pdC1hZ2VudC1mb3J3YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQtcHR5AAAAAAAAAA5" \
    "wZXJtaXQtdXNlci1yYwAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACAaugEd+DUcXtMuqOoVIKiwDFGmLIECd0WNfkAYD2p" \
    "ccwAAAFMAAAALc3NoLWVkMjU1MTkAAABAif+/Ok6IJn1AQDntTVFNZMD4XMjAjvut8Oe6Dk56nJUHONNSB5soMODit6P7i6eNhS7" \
    "BTFL6IHVY7gHHVyvEDw=="
#define RSA_CA_CERT \
    "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIJGOTfKgimdJVTp" \
    "X1g5PnO+wlo2qnxjHSIGvweC8a9eEAAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAA3J" \
    "zYQAAAAgAAAAEbWlsYQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmcAAAAAAAAAF3Blcm1" \
    "pdC1hZ2VudC1mb3J3YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQtcHR5AAAAAAAAAA5" \
    "wZXJtaXQtdXNlci1yYwAAAAAAAAAAAAABFwAAAAdzc2gtcnNhAAAAAwEAAQAAAQEAm16ZhXugXPNkGFFAyrf61JKuILEtpIFYY7k" \
    "y0/50AQ7Arh3UDGXrrg4HszhilAvPveTb/XzEb34r/N3Y6S138JGxGczFM05Xwe3oaYw/JqDj0E9DFLHbWQyDO/n01voGQmgYBG2" \
    "bbXhl9KtYM7GVd3hlT4hTdrefvJpsQvZDzsRAxeqm44EvF8XOwqQ66aFX1DlfVVfIeO/pp8NstRpq3OA7CJ+zkDC7UiA4I2gYjS1" \
    "mKJt+HGeUgWdvENSuB0nh6Z6H57n1lUzifCgFeMPLUbtVFpllpn5zWYhnB/itTGr2t91KC7FGm4j3RYIxtam6yL5YNhUfi+yfNNZ" \
    "b53qNzQAAARQAAAAMcnNhLXNoYTItNTEyAAABAAGPac3SqJx0Y9OelCnsGoaU6Gau0yCOGjnBqg1BGMYGFA+7LB7esXapHk5ZuDm" \
    "3yuQvgL9XzatanqugdQ8/JJHkqOJ4fnAtnqBfLscscqSxvkjdBblhSoY38CE0KTh9U6hOS7t9l4WkS9GJPH4w4DA61fs3dd+PAA7" \
    "bue6WDfvOeSOkwAT8aXmU+5WYKJPN+eusVhGuTO0B8hjZ15rVwnl3cfcU+B6C2wBVdDHATN1ArWvhUl+J8ux26hIfzq1sIRwW6rI" \
    "gi1CLtzgPsHSltbb66FggJG7KrWcvhfd4ZvspYYvUUZCPCPxmY955dRt3eU0rZxG1S7dWH/KFh22oJw4="
#define TRUNCATED_CERT \
    "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIOvRc63e+lpEeRW" \
    "xQ8ooHQ3sY8aL3PJinpUFQkKUq2tjAAAAINyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAD21" \
    "mYS1kZW1vOm1pbGE6MQAAAAgAAAAEbWlsYQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmc" \
    "AAAAAAAAAF3Blcm1pdC1hZ2VudC1mb3J3"
#define REALM_CERT_AS_RSA \
    "ssh-rsa-cert-v01@openssh.com " \
    "AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIOvRc63e+lpEeRWxQ8ooHQ3sY8aL3PJinpUFQkKUq2tjAAAA" \
    "INyAn980rXeedNKW2i23sA9z7K59oJIeFQizkqIWr5ovAAAAAAAAAAAAAAABAAAAD21mYS1kZW1vOm1pbGE6MQAAAAgAAAAEbWls" \
    "YQAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmcAAAAAAAAAF3Blcm1pdC1hZ2VudC1mb3J3" \
    "YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQtcHR5AAAAAAAAAA5wZXJtaXQtdXNlci1y" \
    "YwAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDCPFC82zN4saw518Vaa3OdQwXNA+bokOLyk5zO7Ru1hwAAAFMAAAALc3No" \
    "LWVkMjU1MTkAAABAiYr+9+E2OCAGDeSRbtnEidDxfW5IVhgQ7IFfaUiBFltdEZIGx6gQLT0ONIiWO98Gki5NPHH9hF9UfoLjeXBF" \
    "DQ=="
#define CA_FILE "# the realm's CA keys, as TrustedUserCAKeys\n\n" REALM_CA "\n" RSA_CA "\n"
/* A helper that records that it ran and its arguments, then accepts after a prompt. */
#define RECORDING_HELPER \
    "#!/bin/sh\n" \
    ": > @DIR@/ran\n" \
    "printf '%s\\n' \"$@\" > @DIR@/args\n" \
    "echo 'PROMPT Code: '\nread code\necho OK\n"

static int read_args(const char *dir, char *out, size_t size) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/args", dir);
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fprintf(stderr, "  the helper did not run\n");
        return -1;
    }
    size_t n = fread(out, 1, size - 1, file);
    out[n] = '\0';
    fclose(file);
    return 0;
}

/* The helper ran, was given the accepted plain key, and the user was asked. */
static int asked_with_plain_key(const char *dir, const struct exchange *ex) {
    char args[8192];
    if (read_args(dir, args, sizeof(args)) != 0) {
        return -1;
    }
    if (strstr(args, "\n--key\n" PLAIN_KEY "\n") == NULL || strstr(ex->seen, "PROMPT_ECHO_OFF Code: ") == NULL) {
        fprintf(stderr, "  expected a prompt and --key with the plain key; arguments:\n%s", args);
        return -1;
    }
    return 0;
}

/* The helper ran without any --key (nothing usable in SSH_AUTH_INFO_0), and the user was asked. */
static int asked_without_key(const char *dir, const struct exchange *ex) {
    char args[8192];
    if (read_args(dir, args, sizeof(args)) != 0) {
        return -1;
    }
    if (strstr(args, "--key") != NULL || strstr(ex->seen, "PROMPT_ECHO_OFF Code: ") == NULL) {
        fprintf(stderr, "  expected a prompt and no --key; arguments:\n%s", args);
        return -1;
    }
    return 0;
}

/* The certificate's own text went to the helper, and the user was asked. */
static int asked_with(const char *dir, const struct exchange *ex, const char *certificate) {
    char args[8192], wanted[4096];
    if (read_args(dir, args, sizeof(args)) != 0) {
        return -1;
    }
    snprintf(wanted, sizeof(wanted), "\n--key\n%s\n", certificate);
    if (strstr(args, wanted) == NULL || strstr(ex->seen, "PROMPT_ECHO_OFF Code: ") == NULL) {
        fprintf(stderr, "  expected a prompt and --key with the certificate; arguments:\n%s", args);
        return -1;
    }
    return 0;
}

static int asked_with_certificate(const char *dir, const struct exchange *ex) {
    return asked_with(dir, ex, CERT_KEY);
}

static int asked_with_realm_certificate(const char *dir, const struct exchange *ex) {
    return asked_with(dir, ex, REALM_CERT);
}

static int asked_with_own_certificate(const char *dir, const struct exchange *ex) {
    return asked_with(dir, ex, OWN_CERT);
}

static int asked_with_truncated_certificate(const char *dir, const struct exchange *ex) {
    return asked_with(dir, ex, TRUNCATED_CERT);
}

/* mode=device: the helper is told so, with the module's timeout, after the positional arguments. */
static int device_arguments(const char *dir, const struct exchange *ex) {
    (void) ex;
    char args[8192];
    if (read_args(dir, args, sizeof(args)) != 0) {
        return -1;
    }
    if (strstr(args, "\nmila\n192.0.2.7\n--key\n" PLAIN_KEY "\n--device\n75\n") == NULL) {
        fprintf(stderr, "  expected mila 192.0.2.7 --key KEY --device 75; arguments:\n%s", args);
        return -1;
    }
    return 0;
}

static int no_prompt(const char *dir, const struct exchange *ex) {
    if (ex->seen[0] != '\0') {
        fprintf(stderr, "  the user was asked:\n%s", ex->seen);
        return -1;
    }
    return helper_not_run(dir, ex);
}

/* Cases before the certificate ones leave auth_info out: NULL, no SSH_AUTH_INFO_0. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct test_case CASES[] = {
    {"accepted after a prompt, from a clean start",
     ARGS_CHECK
     /* Builtins only, before anything forks: a shell waiting for a child blocks signals of its own. */
     "while read -r name value; do case $name in SigBlk:|SigIgn:) echo \"$name $value\";; esac; done "
     "< /proc/$$/status > @DIR@/signals\n"
     "ls /proc/$$/fd > @DIR@/fds\n"
     "echo 'INFO A push was sent to your phone.'\n"
     "echo 'PROMPT Code: '\n"
     "read code\n"
     "[ \"$code\" = " CODE " ] && echo 'OK welcome' || echo 'DENY Wrong code.'\n",
     1, "", CODE, 0, PAM_SUCCESS, "INFO A push was sent to your phone.",
     "second factor accepted for mila from 192.0.2.7", 5, clean_start},
    {"a notice after the prompt is shown once the login is accepted",
     ARGS_CHECK "echo 'PROMPT Code: '\nread code\necho 'INFO You have 2 recovery codes left.'\necho OK\n",
     1, "", CODE, 0, PAM_SUCCESS, "INFO You have 2 recovery codes left.", "second factor accepted", 5, NULL},
    {"a wrong code is refused with the helper's words",
     ARGS_CHECK "echo 'PROMPT Code: '\nread code\n[ \"$code\" = 999999 ] && echo OK || echo 'DENY Wrong code.'\n",
     1, "", CODE, 0, PAM_AUTH_ERR, "ERROR Wrong code.", "login refused for mila from 192.0.2.7: Wrong code.", 5, NULL},
    {"echo shows the typed code",
     ARGS_CHECK "echo 'PROMPT Code: '\nread code\necho OK\n",
     1, "echo", CODE, 0, PAM_SUCCESS, NULL, "second factor accepted", 5, echo_on},
    {"a helper that hangs is stopped at the timeout, with what it started",
     ARGS_CHECK "sleep 60 &\necho $! > @DIR@/grandchild\nwait\n",
     1, "timeout=1", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "the helper did not finish within timeout=1 seconds; stopped it", 4, nothing_left_behind},
    {"a helper that hangs after the answer is stopped at the timeout",
     ARGS_CHECK "echo 'PROMPT Code: '\nread code\nexec sleep 60\n",
     1, "timeout=2", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "did not finish within timeout=2 seconds", 5, NULL},
    {"a very long line is refused, not overflowed",
     ARGS_CHECK "head -c 100000 /dev/zero | tr '\\0' A\necho\n",
     1, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "the helper sent a line longer than 4095 bytes", 5, NULL},
    {"a very long DENY is refused, not overflowed",
     ARGS_CHECK "printf 'DENY '\nhead -c 5000 /dev/zero | tr '\\0' A\necho\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "longer than 4095 bytes", 5, NULL},
    {"a long line without newline from a helper that then hangs",
     ARGS_CHECK "head -c 9000 /dev/zero | tr '\\0' B\nexec sleep 60\n",
     1, "timeout=30", CODE, 0, PAM_AUTH_ERR, NULL, "longer than 4095 bytes, and was killed by signal 9", 5, NULL},
    {"OK without its newline is not OK",
     ARGS_CHECK "printf OK\n",
     1, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "without a complete OK or DENY line, and exited with status 0", 5, NULL},
    {"a partial prompt is not shown",
     ARGS_CHECK "printf 'PROMPT Code: '\nexit 0\n",
     1, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked", "without a complete OK", 5, NULL},
    {"OK with a failing exit code is refused",
     ARGS_CHECK "echo OK\nexit 3\n",
     1, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "the helper said OK but exited with status 3", 5, NULL},
    {"OK from a helper then killed by a signal is refused",
     ARGS_CHECK "echo OK\nkill -KILL $$\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "the helper said OK but was killed by signal 9", 5, NULL},
    {"a helper that crashes mid-exchange is refused",
     ARGS_CHECK "echo 'INFO hello'\nkill -SEGV $$\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "without a complete OK or DENY line, and was killed by signal 11", 5, NULL},
    {"an unknown line is refused",
     ARGS_CHECK "echo 'HELLO " CODE "'\necho OK\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "the helper broke the protocol (a line of 12 bytes", 5, NULL},
    {"too many INFO lines are refused",
     ARGS_CHECK "i=0; while [ $i -le 40 ]; do echo \"INFO line $i\"; i=$((i+1)); done\necho 'PROMPT Code: '\nread c\n"
     "echo OK\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "the helper broke the protocol", 5, NULL},
    {"a missing helper is refused and named in the log",
     NULL, 1, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "cannot run the helper @DIR@/helper: No such file or directory", 5, NULL},
    {"a helper without execute permission is refused",
     ARGS_CHECK "echo OK\n", 0, "", CODE, 0, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "cannot run the helper @DIR@/helper: Permission denied", 5, helper_not_run},
    {"a helper that exits before reading the answer: a refusal, no SIGPIPE for the caller",
     ARGS_CHECK "echo 'PROMPT Code: '\nexit 0\n",
     1, "", CODE, 300, PAM_AUTH_ERR, "ERROR The MFA service could not be asked",
     "the helper stopped reading before the answer", 5, NULL},
    {"no answer is a refusal",
     ARGS_CHECK "echo 'PROMPT Code: '\nread c\necho OK\n",
     1, "", NULL, 0, PAM_AUTH_ERR, NULL, "no answer was given", 5, NULL},
    {"an answer with a newline is a refusal, not two lines",
     ARGS_CHECK "echo 'PROMPT Code: '\nread c\necho OK\n",
     1, "", "12\nOK", 0, PAM_AUTH_ERR, "ERROR No answer was given. Login refused.", "no answer was given", 5, NULL},
    {"control characters from the helper are not written to the log",
     ARGS_CHECK "printf 'DENY bad\\033[31m red\\r\\n'\n",
     1, "", CODE, 0, PAM_AUTH_ERR, NULL, "login refused for mila from 192.0.2.7: bad?[31m red?", 5, NULL},
    {"timeout=3600 is the largest timeout",
     ARGS_CHECK "echo OK\n", 1, "timeout=3600", CODE, 0, PAM_SUCCESS, NULL, "second factor accepted", 5, NULL},
    {"timeout=0 is refused before the helper runs",
     ARGS_CHECK "echo OK\n", 1, "timeout=0", CODE, 0, PAM_SERVICE_ERR, "ERROR The MFA service could not be asked",
     "invalid option \"timeout=0\"", 5, helper_not_run},
    {"timeout=3601 is refused",
     ARGS_CHECK "echo OK\n", 1, "timeout=3601", CODE, 0, PAM_SERVICE_ERR, NULL, "invalid option \"timeout=3601\"",
     5, helper_not_run},
    {"timeout with trailing text is refused",
     ARGS_CHECK "echo OK\n", 1, "timeout=30s", CODE, 0, PAM_SERVICE_ERR, NULL, "invalid option \"timeout=30s\"",
     5, helper_not_run},
    {"a timeout beyond long is refused",
     ARGS_CHECK "echo OK\n", 1, "timeout=99999999999999999999999", CODE, 0, PAM_SERVICE_ERR, NULL,
     "invalid option \"timeout=99999999999999999999999\"", 5, helper_not_run},
    {"a negative timeout is refused",
     ARGS_CHECK "echo OK\n", 1, "timeout=-5", CODE, 0, PAM_SERVICE_ERR, NULL, "invalid option \"timeout=-5\"", 5,
     helper_not_run},
    {"an unknown option is refused",
     ARGS_CHECK "echo OK\n", 1, "debug", CODE, 0, PAM_SERVICE_ERR, NULL, "invalid option \"debug\"", 5,
     helper_not_run},
    {"a relative helper path is refused",
     ARGS_CHECK "echo OK\n", 1, "helper=hpc-mfa-terminal", CODE, 0, PAM_SERVICE_ERR, NULL,
     "invalid option \"helper=hpc-mfa-terminal\"", 5, NULL},
    {"40 INFO lines (a link and a QR code) are shown above the prompt",
     ARGS_CHECK "i=1; while [ $i -le 40 ]; do echo \"INFO line $i\"; i=$((i+1)); done\necho 'PROMPT Press Enter: '\n"
     "read c\necho OK\n",
     1, "", "", 0, PAM_SUCCESS, "INFO line 40\nPROMPT_ECHO_OFF Press Enter: ", "second factor accepted", 5, NULL},
    {"certificates=accept: a certificate of the realm CA (ca=) passes without a prompt",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "certificate login accepted for mila from 192.0.2.7 without a prompt", 5, no_prompt,
     "publickey " REALM_CERT},
    {"certificates=accept: a certificate of the CA file's second key (RSA) passes without a prompt",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "certificate login accepted for mila", 5, no_prompt, "publickey " RSA_CA_CERT},
    {"certificates=accept: a certificate of the user's own CA (cert-authority in authorized_keys) is asked",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_with_own_certificate, "publickey " OWN_CERT},
    {"certificates=accept: a truncated certificate of the realm CA is asked",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_with_truncated_certificate, "publickey " TRUNCATED_CERT},
    {"certificates=accept: a made-up certificate blob is asked",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_with_certificate, "publickey " CERT_KEY},
    {"certificates=accept: a realm certificate under another certificate type is asked",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, NULL,
     "publickey " REALM_CERT_AS_RSA},
    {"certificates=accept: a missing ca= file trusts nothing, asks and is logged",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/missing.pub", CODE, 0, PAM_SUCCESS, NULL,
     "ca=@DIR@/missing.pub cannot be used", 5, asked_with_realm_certificate, "publickey " REALM_CERT},
    {"certificates=accept: a group-writable ca= file trusts nothing, asks and is logged",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/writable-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "ca=@DIR@/writable-ca.pub cannot be used", 5, asked_with_realm_certificate, "publickey " REALM_CERT},
    {"certificates=accept without ca= is refused before the helper runs",
     RECORDING_HELPER, 1, "certificates=accept", CODE, 0, PAM_SERVICE_ERR, "ERROR The MFA service could not be asked",
     "certificates=accept needs ca=/PATH", 5, helper_not_run, "publickey " REALM_CERT},
    {"a relative ca= path is refused",
     ARGS_CHECK "echo OK\n", 1, "certificates=accept ca=realm-ca.pub", CODE, 0, PAM_SERVICE_ERR, NULL,
     "invalid option \"ca=realm-ca.pub\"", 5, helper_not_run},
    {"certificates=accept: a plain key still gets the prompt, and the helper the key",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_with_plain_key, "publickey " PLAIN_KEY},
    {"certificates=ask (the default) asks certificate logins of the realm CA too",
     RECORDING_HELPER, 1, "ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL, "second factor accepted", 5,
     asked_with_realm_certificate, "publickey " REALM_CERT},
    {"certificates=accept without SSH_AUTH_INFO_0 asks",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_without_key, NULL},
    {"certificates=accept: a realm certificate and a plain key asks (every key must be a realm certificate)",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_with_plain_key, "publickey " REALM_CERT "\npublickey " PLAIN_KEY "\n"},
    {"certificates=accept: a malformed certificate line asks and names no key",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_without_key,
     "publickey ssh-ed25519-cert-v01@openssh.com AAAA$(reboot)AAAAAAAAAAAAAAAAAAAA"},
    {"certificates=accept: a certificate type without its key asks",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_without_key, "publickey ssh-ed25519-cert-v01@openssh.com"},
    {"certificates=accept: only a keyboard-interactive line asks",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "second factor accepted", 5, asked_without_key, "keyboard-interactive/pam\n"},
    {"certificates=accept: an oversized SSH_AUTH_INFO_0 is ignored and asks",
     RECORDING_HELPER, 1, "certificates=accept ca=@DIR@/realm-ca.pub", CODE, 0, PAM_SUCCESS, NULL,
     "SSH_AUTH_INFO_0 is longer than", 5, asked_without_key, "@HUGE@"},
    {"mode=device tells the helper, with the timeout",
     RECORDING_HELPER, 1, "mode=device timeout=75", CODE, 0, PAM_SUCCESS, NULL, "second factor accepted", 5,
     device_arguments, "publickey " PLAIN_KEY},
    {"an unknown mode is refused",
     ARGS_CHECK "echo OK\n", 1, "mode=push", CODE, 0, PAM_SERVICE_ERR, NULL, "invalid option \"mode=push\"", 5,
     helper_not_run},
    {"certificates=yes is refused",
     ARGS_CHECK "echo OK\n", 1, "certificates=yes", CODE, 0, PAM_SERVICE_ERR, NULL,
     "invalid option \"certificates=yes\"", 5, helper_not_run},
};
#pragma GCC diagnostic pop

/* SSH_AUTH_INFO_0 in the PAM environment, as sshd puts it there before keyboard-interactive. */
static void set_auth_info(pam_handle_t *pamh, const char *auth_info) {
    if (auth_info == NULL) {
        return;
    }
    size_t size = strcmp(auth_info, "@HUGE@") == 0 ? 70000 : strlen(auth_info);
    char *entry = malloc(size + 32);
    if (entry == NULL) {
        abort();
    }
    char *p = stpcpy(entry, "SSH_AUTH_INFO_0=");
    if (strcmp(auth_info, "@HUGE@") == 0) {
        p = stpcpy(p, "publickey " CERT_KEY);
        memset(p, 'A', size - (size_t) (p - entry - 16));
        p[size - (size_t) (p - entry - 16)] = '\0';
    } else {
        strcpy(p, auth_info);
    }
    pam_putenv(pamh, entry);
    free(entry);
}

static void run_case(const char *module, const char *workdir, int index, const struct test_case *test) {
    char dir[1100], path[1200];
    snprintf(dir, sizeof(dir), "%s/case-%02d", workdir, index);
    mkdir(dir, 0755);
    snprintf(path, sizeof(path), "%s/ran", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/helper", dir);
    unlink(path);
    if (test->script != NULL) {
        char *script = with_dir(test->script, dir);
        write_file(path, script, test->executable ? 0755 : 0644);
        free(script);
    }
    snprintf(path, sizeof(path), "%s/realm-ca.pub", dir);
    write_file(path, CA_FILE, 0644);
    snprintf(path, sizeof(path), "%s/writable-ca.pub", dir);
    write_file(path, CA_FILE, 0664);
    char config[4096];
    char *options = with_dir(test->options, dir);
    snprintf(config, sizeof(config), "auth required %s helper=%s/helper config=%s/terminal.conf %s\n", module, dir,
             dir, options);
    free(options);
    snprintf(path, sizeof(path), "%s/" SERVICE, dir);
    write_file(path, config, 0644);

    captured_used = 0;
    captured_log[0] = '\0';
    wrong_facility = 0;
    struct exchange *ex = calloc(1, sizeof(*ex));
    if (ex == NULL) {
        abort();
    }
    ex->answer = test->answer;
    ex->delay_ms = test->delay_ms;
    struct pam_conv conv = {converse, ex};
    pam_handle_t *pamh = NULL;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int result = pam_start_confdir(SERVICE, "mila", &conv, dir, &pamh);
    if (result == PAM_SUCCESS) {
        pam_set_item(pamh, PAM_RHOST, "192.0.2.7");
        set_auth_info(pamh, test->auth_info);
        result = pam_authenticate(pamh, 0);
    }
    pam_end(pamh, result);
    double took = seconds_since(&start);

    int before = failures;
    if (result != test->expect) {
        char detail[256];
        snprintf(detail, sizeof(detail), "  got %d (%s), wanted %d", result, pam_strerror(NULL, result), test->expect);
        fail(test->name, "wrong PAM result", detail);
    }
    if (took > test->max_seconds) {
        char detail[64];
        snprintf(detail, sizeof(detail), "  took %.1f s", took);
        fail(test->name, "too slow", detail);
    }
    if (test->user_sees != NULL && strstr(ex->seen, test->user_sees) == NULL) {
        fail(test->name, "the user did not see the expected message; saw:", ex->seen);
    }
    if (test->logged != NULL) {
        char *wanted = with_dir(test->logged, dir);
        if (strstr(captured_log, wanted) == NULL) {
            fail(test->name, "the expected syslog line is missing; logged:", captured_log);
        }
        free(wanted);
    }
    if (captured_used == 0) {
        fail(test->name, "nothing was logged", NULL);
    }
    if (wrong_facility) {
        fail(test->name, "a line was logged outside the authpriv facility", captured_log);
    }
    if (strstr(captured_log, CODE) != NULL) {
        fail(test->name, "the typed code reached the log", captured_log);
    }
    if (ex->sigpipe_changed) {
        fail(test->name, "SIGPIPE was changed for the process while the user was asked", NULL);
    }
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE)) {
        fail(test->name, "a SIGPIPE was left pending", NULL);
    }
    if (test->extra != NULL && test->extra(dir, ex) != 0) {
        fail(test->name, "its own check failed (above)", NULL);
    }
    printf("%s %-80s %5.2f s\n", failures == before ? "ok  " : "FAIL", test->name, took);
    fflush(stdout);
    free(ex);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s /path/to/pam_hpc_mfa.so WORKDIR\n", argv[0]);
        return 2;
    }
    const char *module = argv[1];
    char workdir[1024];
    if (strlen(argv[2]) > 900) {
        fprintf(stderr, "WORKDIR is too long\n");
        return 2;
    }
    snprintf(workdir, sizeof(workdir), "%s/harness-XXXXXX", argv[2]);
    if (mkdtemp(workdir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    /* The state sshd could hand over: a descriptor without close-on-exec, a blocked and an ignored signal. */
    int inherited = open("/dev/null", O_RDONLY);
    if (inherited < 0 || dup2(inherited, INHERITED_FD) < 0) {
        perror("dup2");
        return 2;
    }
    close(inherited);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR2);
    sigprocmask(SIG_BLOCK, &blocked, NULL);
    signal(SIGUSR1, SIG_IGN);

    size_t count = sizeof(CASES) / sizeof(CASES[0]);
    for (size_t i = 0; i < count; i++) {
        run_case(module, workdir, (int) i, &CASES[i]);
    }
    close(INHERITED_FD);
    if (failures > 0) {
        fprintf(stderr, "%d check(s) failed; the cases' files are in %s\n", failures, workdir);
        return 1;
    }
    printf("all %zu cases passed\n", count);
    return 0;
}
