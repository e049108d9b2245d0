/*
 * pam_hpc_mfa: the second factor at the SSH prompt, asked of Keycloak (HPC MFA pack, /realms/{realm}/ssh-terminal).
 *
 * sshd has already accepted the user's key (AuthenticationMethods publickey,keyboard-interactive:pam). This module
 * runs the helper hpc-mfa-terminal, which holds the gateway client's secret and speaks HTTPS to Keycloak, and
 * turns its line protocol into one PAM conversation:
 *
 *   helper -> module   INFO <text>      a line shown above the prompt (push sent, code mailed); before OK, a
 *                                       notice shown after the login (few recovery codes left)
 *   helper -> module   PROMPT <text>    the question; the user's answer goes back on the helper's stdin
 *   helper -> module   OK <text>        accepted
 *   helper -> module   DENY <text>      refused; <text> is shown to the user
 *
 * It fails closed: a helper that crashes, hangs, exits non-zero or says anything else means PAM_AUTH_ERR, never
 * success. Every refusal and failure goes to syslog (facility authpriv), never with the typed code.
 *
 * Options (anything else, or a value out of range, is logged and refuses the login: a typo must not weaken it):
 *   helper=/ABSOLUTE/PATH   the helper (default /usr/local/lib/hpc-mfa/hpc-mfa-terminal)
 *   config=/ABSOLUTE/PATH   its configuration (default /etc/hpc-mfa/terminal.conf)
 *   timeout=SECONDS         the whole exchange, 1 to 3600 (default 180)
 *   echo                    show the typed code
 *   mode=prompt|device      prompt (default): the terminal prompt (code, push); device: the one-time URL of a
 *                           browser login (OAuth device grant) is shown, the helper waits for it (hpc-mfa-terminal
 *                           --device); see docs/ssh-operator-guide.md
 *   certificates=ask|accept ask (default): every login gets the prompt; accept: a login whose accepted keys were
 *                           all OpenSSH certificates signed by a CA of ca= (sshd checked them against TrustedUserCAKeys
 *                           and RevokedKeys) passes without a prompt. Needs ca=: without it the options are refused
 *   ca=/ABSOLUTE/PATH       the realm CA's public key file (one "TYPE BASE64 [comment]" line per key, the file of
 *                           TrustedUserCAKeys); up to 4 ca= options. sshd also accepts certificates of a CA a user
 *                           put in ~/.ssh/authorized_keys (cert-authority): only the realm CA's certificates skip the
 *                           prompt. A missing file, one not owned by root, or writable by group or others trusts
 *                           nothing (every certificate login is asked, and it is logged)
 *
 * The key sshd accepted comes from the PAM environment variable SSH_AUTH_INFO_0 that OpenSSH (7.6 and later) sets
 * before keyboard-interactive: one line per completed method ("publickey ssh-ed25519 AAAA..."). Anything missing,
 * oversized or malformed there counts as "no certificate": the module asks rather than admits. A well-formed key
 * is passed to the helper as --key "TYPE BASE64" (the device login names its fingerprint, a certificate can be
 * issued for it).
 *
 * Build: make (login-node/Makefile: warnings as errors, hardening flags); make check runs tests/ under ASan+UBSan.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define PAM_SM_AUTH
#include <security/pam_appl.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#define LINE_MAX_BYTES 4096
/* Enough for the device mode's link and a QR code drawn with half blocks (up to version 10: 57 + 4 rows / 2). */
#define MAX_INFO_LINES 40
#define AUTH_INFO_MAX 65536
#define KEY_TYPE_MAX 64
#define KEY_BLOB_MAX 16384
#define CERT_SUFFIX "-cert-v01@openssh.com"
#define TIMEOUT_MAX_SECONDS 3600
#define LOGGED_TEXT_MAX 200
/* The descriptor the child reports a failed execve on (errno, then closed by O_CLOEXEC on success). */
#define EXEC_ERROR_FD 3
#define CA_FILES_MAX 4
#define CA_KEYS_MAX 16
#define CA_BLOB_MAX 4096
#define CA_FILE_MAX 65536

static const char *UNREACHABLE = "The MFA service could not be asked. Login refused; try again later or contact support.";
static const char *NO_ANSWER = "No answer was given. Login refused.";

struct options {
    const char *helper;
    const char *config;
    int timeout;
    int echo;
    int device;
    int accept_certificates;
    const char *ca_files[CA_FILES_MAX];
    int ca_count;
};

/* The realm CA's public keys (ca=), decoded: what a certificate's signature key must equal to skip the prompt. */
struct ca_keys {
    int count;
    size_t length[CA_KEYS_MAX];
    unsigned char blob[CA_KEYS_MAX][CA_BLOB_MAX];
};

/*
 * What SSH_AUTH_INFO_0 says about the publickey step: the (last) accepted key, and whether every one was a
 * certificate signed by a realm CA.
 */
struct accepted_key {
    int found;
    int all_realm_certificates;
    char text[KEY_TYPE_MAX + 1 + KEY_BLOB_MAX + 1]; /* "TYPE BASE64" */
};

struct helper {
    pid_t pid;
    int to_child;
    int from_child;
    char buffer[LINE_MAX_BYTES];
    size_t used;
    struct timespec deadline;
};

/* Why read_line gave no line: the exchange's outcome for the log. */
enum read_failure { READ_TIMEOUT = 1, READ_EOF, READ_TOO_LONG, READ_ERROR };

static int parse_seconds(const char *text, int *seconds) {
    if (*text < '0' || *text > '9') {
        return -1;
    }
    errno = 0;
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < 1 || value > TIMEOUT_MAX_SECONDS) {
        return -1;
    }
    *seconds = (int) value;
    return 0;
}

/* 0 if every option is known and valid; otherwise logs the first bad one and returns -1. */
static int parse_options(pam_handle_t *pamh, int argc, const char **argv, struct options *options) {
    options->helper = "/usr/local/lib/hpc-mfa/hpc-mfa-terminal";
    options->config = "/etc/hpc-mfa/terminal.conf";
    options->timeout = 180;
    options->echo = 0;
    options->device = 0;
    options->accept_certificates = 0;
    options->ca_count = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "helper=", 7) == 0 && arg[7] == '/') {
            options->helper = arg + 7;
        } else if (strncmp(arg, "config=", 7) == 0 && arg[7] == '/') {
            options->config = arg + 7;
        } else if (strncmp(arg, "timeout=", 8) == 0 && parse_seconds(arg + 8, &options->timeout) == 0) {
            continue;
        } else if (strcmp(arg, "echo") == 0) {
            options->echo = 1;
        } else if (strcmp(arg, "mode=prompt") == 0 || strcmp(arg, "mode=device") == 0) {
            options->device = strcmp(arg, "mode=device") == 0;
        } else if (strcmp(arg, "certificates=ask") == 0 || strcmp(arg, "certificates=accept") == 0) {
            options->accept_certificates = strcmp(arg, "certificates=accept") == 0;
        } else if (strncmp(arg, "ca=", 3) == 0 && arg[3] == '/' && options->ca_count < CA_FILES_MAX) {
            options->ca_files[options->ca_count++] = arg + 3;
        } else {
            pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR,
                       "invalid option \"%.*s\": use helper=/PATH config=/PATH timeout=1..%d echo mode=prompt|device "
                       "certificates=ask|accept ca=/PATH (at most %d); login refused",
                       LOGGED_TEXT_MAX, arg, TIMEOUT_MAX_SECONDS, CA_FILES_MAX);
            return -1;
        }
    }
    if (options->accept_certificates && options->ca_count == 0) {
        /* Without it any CA sshd accepts (a user's own cert-authority line too) would skip the prompt. */
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR,
                   "invalid options: certificates=accept needs ca=/PATH (the realm CA's public key, the file of "
                   "TrustedUserCAKeys); login refused");
        return -1;
    }
    return 0;
}

/* Text from the helper as it may appear in the log: printable ASCII only, at most LOGGED_TEXT_MAX bytes. */
static void loggable(char *out, size_t size, const char *text) {
    size_t n = 0;
    for (; *text != '\0' && n + 1 < size && n < LOGGED_TEXT_MAX; text++) {
        out[n++] = (*text >= 0x20 && *text < 0x7f) ? *text : '?';
    }
    out[n] = '\0';
}

static int key_type_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '@'
           || c == '.';
}

static int base64_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
           || c == '=';
}

static int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Strict base64 (padding only at the end, length a multiple of 4) into out; the decoded length, or -1. */
static long base64_decode(const char *in, size_t length, unsigned char *out, size_t size) {
    if (length == 0 || length % 4 != 0) {
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < length; i += 4) {
        int v[4];
        int padding = 0;
        for (int j = 0; j < 4; j++) {
            if (in[i + j] == '=' && i + 4 == length && j >= 2) {
                v[j] = 0;
                padding++;
            } else if (padding > 0 || (v[j] = base64_value(in[i + j])) < 0) {
                return -1;
            }
        }
        unsigned long group = ((unsigned long) v[0] << 18) | ((unsigned long) v[1] << 12)
                              | ((unsigned long) v[2] << 6) | (unsigned long) v[3];
        int bytes = 3 - padding;
        if (n + (size_t) bytes > size) {
            return -1;
        }
        for (int j = 0; j < bytes; j++) {
            out[n++] = (unsigned char) (group >> (16 - 8 * j));
        }
    }
    return (long) n;
}

/* A cursor over an SSH wire-format blob (RFC 4251: uint32, uint64, string). */
struct wire {
    const unsigned char *p;
    size_t left;
};

static int wire_skip(struct wire *w, size_t n) {
    if (w->left < n) {
        return -1;
    }
    w->p += n;
    w->left -= n;
    return 0;
}

static int wire_string(struct wire *w, const unsigned char **data, size_t *length) {
    if (w->left < 4) {
        return -1;
    }
    size_t n = ((size_t) w->p[0] << 24) | ((size_t) w->p[1] << 16) | ((size_t) w->p[2] << 8) | (size_t) w->p[3];
    if (w->left - 4 < n) {
        return -1;
    }
    *data = w->p + 4;
    *length = n;
    w->p += 4 + n;
    w->left -= 4 + n;
    return 0;
}

/* How many string (or mpint) fields the certificate of this type carries for its public key (PROTOCOL.certkeys). */
static int certified_key_fields(const unsigned char *type, size_t length) {
    static const struct {
        const char *type;
        int fields;
    } TYPES[] = {
        {"ssh-rsa-cert-v01@openssh.com", 2},                   /* e, n */
        {"ssh-dss-cert-v01@openssh.com", 4},                   /* p, q, g, y */
        {"ecdsa-sha2-nistp256-cert-v01@openssh.com", 2},       /* curve, public key */
        {"ecdsa-sha2-nistp384-cert-v01@openssh.com", 2},
        {"ecdsa-sha2-nistp521-cert-v01@openssh.com", 2},
        {"ssh-ed25519-cert-v01@openssh.com", 1},               /* pk */
        {"sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", 3},    /* curve, public key, application */
        {"sk-ssh-ed25519-cert-v01@openssh.com", 2},            /* pk, application */
    };
    for (size_t i = 0; i < sizeof(TYPES) / sizeof(TYPES[0]); i++) {
        if (strlen(TYPES[i].type) == length && memcmp(TYPES[i].type, type, length) == 0) {
            return TYPES[i].fields;
        }
    }
    return -1;
}

/*
 * The signature key (the CA's public key blob) of a certificate blob whose type is the line's type; 0, or -1 when
 * the blob is not such a certificate in every field up to and including its signature.
 */
static int certificate_signature_key(const unsigned char *blob, size_t blob_length, const char *line_type,
                                     size_t line_type_length, const unsigned char **key, size_t *key_length) {
    struct wire w = {blob, blob_length};
    const unsigned char *field;
    size_t length;
    if (wire_string(&w, &field, &length) != 0 || length != line_type_length
            || memcmp(field, line_type, length) != 0) {
        return -1;
    }
    int key_fields = certified_key_fields(field, length);
    if (key_fields < 0 || wire_string(&w, &field, &length) != 0) { /* nonce */
        return -1;
    }
    for (int i = 0; i < key_fields; i++) {
        if (wire_string(&w, &field, &length) != 0) {
            return -1;
        }
    }
    /* serial (uint64), type (uint32), key id, valid principals, valid after, valid before (uint64 each),
       critical options, extensions, reserved */
    if (wire_skip(&w, 8 + 4) != 0 || wire_string(&w, &field, &length) != 0 || wire_string(&w, &field, &length) != 0
            || wire_skip(&w, 8 + 8) != 0 || wire_string(&w, &field, &length) != 0
            || wire_string(&w, &field, &length) != 0 || wire_string(&w, &field, &length) != 0
            || wire_string(&w, key, key_length) != 0 || *key_length == 0
            || wire_string(&w, &field, &length) != 0 || w.left != 0) { /* signature key, signature, nothing after */
        return -1;
    }
    return 0;
}

/* One CA file's "TYPE BASE64 [comment]" lines into keys; blank and # lines are skipped, malformed ones logged. */
static void load_ca_file(pam_handle_t *pamh, const char *path, struct ca_keys *keys) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    /* Whoever may write the file may name their own CA: only root (or the process's own user) and no one else. */
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0
            || (st.st_uid != 0 && st.st_uid != geteuid()) || st.st_size > CA_FILE_MAX) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "ca=%.*s cannot be used (missing, not a regular file, not owned by "
                   "root, writable by group or others, or over %d bytes): its certificates get the prompt",
                   LOGGED_TEXT_MAX, path, CA_FILE_MAX);
        if (fd >= 0) {
            close(fd);
        }
        return;
    }
    FILE *file = fdopen(fd, "r");
    if (file == NULL) {
        close(fd);
        return;
    }
    char line[CA_BLOB_MAX * 2];
    int number = 0;
    while (fgets(line, sizeof(line), file) != NULL) {
        number++;
        char *p = line;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0') {
            continue;
        }
        char *type = p;
        while (key_type_char(*p)) {
            p++;
        }
        size_t type_length = (size_t) (p - type);
        if (*p != ' ') {
            p = type; /* no blob: the checks below refuse the line */
        }
        char *blob = p + 1;
        char *end = blob;
        while (base64_char(*end)) {
            end++;
        }
        long decoded = -1;
        if (keys->count < CA_KEYS_MAX && type_length > 0 && p != type && end > blob
                && (*end == '\0' || *end == '\n' || *end == '\r' || *end == ' ' || *end == '\t')) {
            decoded = base64_decode(blob, (size_t) (end - blob), keys->blob[keys->count], CA_BLOB_MAX);
        }
        struct wire w = {keys->blob[keys->count], decoded > 0 ? (size_t) decoded : 0};
        const unsigned char *inner;
        size_t inner_length;
        if (decoded <= 0 || wire_string(&w, &inner, &inner_length) != 0 || inner_length != type_length
                || memcmp(inner, type, type_length) != 0) {
            pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "ca=%.*s line %d is not a public key line (TYPE BASE64) or one "
                       "key too many (at most %d): ignored", LOGGED_TEXT_MAX, path, number, CA_KEYS_MAX);
            continue;
        }
        keys->length[keys->count++] = (size_t) decoded;
    }
    fclose(file);
}

static int is_realm_ca(const struct ca_keys *keys, const unsigned char *key, size_t length) {
    for (int i = 0; i < keys->count; i++) {
        if (keys->length[i] == length && memcmp(keys->blob[i], key, length) == 0) {
            return 1; /* public keys: no constant-time comparison needed */
        }
    }
    return 0;
}

/* Whether a certificate line's type and base64 blob are a certificate signed by one of the realm CA keys. */
static int signed_by_realm_ca(const struct ca_keys *keys, const char *type, size_t type_length, const char *base64,
                              size_t base64_length) {
    if (keys == NULL || keys->count == 0) {
        return 0;
    }
    unsigned char *blob = malloc(KEY_BLOB_MAX);
    if (blob == NULL) {
        return 0;
    }
    long decoded = base64_decode(base64, base64_length, blob, KEY_BLOB_MAX);
    const unsigned char *key;
    size_t key_length;
    int trusted = decoded > 0
                  && certificate_signature_key(blob, (size_t) decoded, type, type_length, &key, &key_length) == 0
                  && is_realm_ca(keys, key, key_length);
    free(blob);
    return trusted;
}

/*
 * One "publickey TYPE BASE64" line of SSH_AUTH_INFO_0 (length bytes, no newline) into key; 1 for a certificate of
 * a realm CA, 0 for any other key, or -1 when the line is not exactly that (then it counts as a key that is no
 * certificate).
 */
static int parse_publickey_line(const char *line, size_t length, const struct ca_keys *ca, struct accepted_key *key) {
    const char *type = line + 10; /* after "publickey " */
    const char *end = line + length;
    const char *p = type;
    while (p < end && key_type_char(*p)) {
        p++;
    }
    size_t type_length = (size_t) (p - type);
    if (type_length == 0 || type_length > KEY_TYPE_MAX || p == end || *p != ' ') {
        return -1;
    }
    const char *blob = ++p;
    while (p < end && base64_char(*p)) {
        p++;
    }
    size_t blob_length = (size_t) (p - blob);
    /* A trailing comment, if any, is dropped; anything else is malformed. */
    if (blob_length < 16 || blob_length > KEY_BLOB_MAX || (p != end && *p != ' ')) {
        return -1;
    }
    memcpy(key->text, type, type_length);
    key->text[type_length] = ' ';
    memcpy(key->text + type_length + 1, blob, blob_length);
    key->text[type_length + 1 + blob_length] = '\0';
    size_t suffix = strlen(CERT_SUFFIX);
    int certificate = type_length > suffix && memcmp(type + type_length - suffix, CERT_SUFFIX, suffix) == 0;
    return certificate && signed_by_realm_ca(ca, type, type_length, blob, blob_length) ? 1 : 0;
}

/*
 * Reads the completed methods sshd exposes to PAM (SSH_AUTH_INFO_0, set by sshd itself before keyboard-interactive).
 * all_realm_certificates is set only when there is at least one publickey line and every one is a well-formed
 * certificate signed by a key of ca (NULL: none counts): a missing, oversized or malformed value means "ask".
 */
static void read_accepted_key(pam_handle_t *pamh, const struct ca_keys *ca, struct accepted_key *key) {
    memset(key, 0, sizeof(*key));
    const char *info = pam_getenv(pamh, "SSH_AUTH_INFO_0");
    if (info == NULL) {
        return;
    }
    size_t total = strnlen(info, AUTH_INFO_MAX + 1);
    if (total > AUTH_INFO_MAX) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_WARNING, "SSH_AUTH_INFO_0 is longer than %d bytes: ignored",
                   AUTH_INFO_MAX);
        return;
    }
    int keys = 0, certificates = 0;
    for (const char *line = info; *line != '\0';) {
        const char *newline = memchr(line, '\n', (size_t) (info + total - line));
        size_t length = newline != NULL ? (size_t) (newline - line) : strlen(line);
        if (length >= 10 && strncmp(line, "publickey ", 10) == 0) {
            keys++;
            int kind = parse_publickey_line(line, length, ca, key);
            key->found = kind >= 0; /* the last publickey line names the key; a malformed one names none */
            certificates += kind == 1;
        }
        line = newline != NULL ? newline + 1 : line + length;
    }
    if (!key->found) {
        key->text[0] = '\0';
    }
    key->all_realm_certificates = keys > 0 && certificates == keys;
}

static long remaining_ms(const struct timespec *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (deadline->tv_sec - now.tv_sec) * 1000L + (deadline->tv_nsec - now.tv_nsec) / 1000000L;
}

/* In the child, between fork and execve: only async-signal-safe calls. */
static void close_inherited_descriptors(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    if (close_range(EXEC_ERROR_FD + 1, ~0U, 0) == 0) {
        return;
    }
#endif
    struct rlimit limit;
    int top = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < 65536) {
        top = (int) limit.rlim_cur;
    }
    for (int fd = EXEC_ERROR_FD + 1; fd < top; fd++) {
        close(fd);
    }
}

/* sshd's signal mask and ignored signals are inherited through execve: the helper starts from the defaults. */
static void reset_signals(void) {
    struct sigaction default_action;
    memset(&default_action, 0, sizeof(default_action));
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) {
            sigaction(sig, &default_action, NULL);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void run_child(int in, int out, int error_pipe, char *const args[], char *const env[], const char *path) {
    int devnull = open("/dev/null", O_WRONLY);
    if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0
            || (devnull >= 0 && dup2(devnull, STDERR_FILENO) < 0)
            || (error_pipe != EXEC_ERROR_FD && dup3(error_pipe, EXEC_ERROR_FD, O_CLOEXEC) < 0)) {
        _exit(127);
    }
    close_inherited_descriptors();
    reset_signals();
    setpgid(0, 0); /* its own group, so a timeout ends whatever it started too */
    execve(path, args, env);
    int failure = errno;
    ssize_t ignored = write(EXEC_ERROR_FD, &failure, sizeof(failure));
    (void) ignored;
    _exit(127);
}

static void close_pipe(int fds[2]) {
    close(fds[0]);
    close(fds[1]);
}

/* 0 if the helper runs, or ran and could not execve (then *exec_errno says why); -1 (logged) if not started. */
static int start_helper(pam_handle_t *pamh, struct helper *h, const struct options *options, const char *user,
                        const char *rhost, const struct accepted_key *key, int *exec_errno) {
    int in[2], out[2], error_pipe[2];
    if (pipe2(in, O_CLOEXEC) != 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "cannot create a pipe for the helper: %m");
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) != 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "cannot create a pipe for the helper: %m");
        close_pipe(in);
        return -1;
    }
    if (pipe2(error_pipe, O_CLOEXEC) != 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "cannot create a pipe for the helper: %m");
        close_pipe(in);
        close_pipe(out);
        return -1;
    }
    /* The positional arguments first (older helpers ignore what follows them). */
    char seconds[16];
    snprintf(seconds, sizeof(seconds), "%d", options->timeout);
    char *args[10] = {(char *) options->helper, "--config", (char *) options->config, (char *) user,
                      (char *) (rhost ? rhost : ""), NULL};
    int argn = 5;
    if (key->found) {
        args[argn++] = "--key";
        args[argn++] = (char *) key->text;
    }
    if (options->device) {
        args[argn++] = "--device";
        args[argn++] = seconds;
    }
    args[argn] = NULL;
    char *const env[] = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL};
    h->pid = fork();
    if (h->pid < 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "cannot start the helper: fork: %m");
        close_pipe(in);
        close_pipe(out);
        close_pipe(error_pipe);
        return -1;
    }
    if (h->pid == 0) {
        run_child(in[0], out[1], error_pipe[1], args, env, options->helper);
    }
    close(in[0]);
    close(out[1]);
    close(error_pipe[1]);
    h->to_child = in[1];
    h->from_child = out[0];
    h->used = 0;
    clock_gettime(CLOCK_MONOTONIC, &h->deadline);
    h->deadline.tv_sec += options->timeout;

    *exec_errno = 0;
    int reported = 0;
    ssize_t n;
    do {
        n = read(error_pipe[0], &reported, sizeof(reported));
    } while (n < 0 && errno == EINTR);
    close(error_pipe[0]);
    if (n == (ssize_t) sizeof(reported)) {
        *exec_errno = reported != 0 ? reported : EIO;
    }
    return 0;
}

/* One line from the helper, without its newline, within the deadline; 0, or a read_failure. */
static int read_line(struct helper *h, char *line, size_t size) {
    for (;;) {
        char *newline = memchr(h->buffer, '\n', h->used);
        if (newline != NULL) {
            size_t length = (size_t) (newline - h->buffer);
            if (length >= size) {
                return READ_TOO_LONG;
            }
            memcpy(line, h->buffer, length);
            line[length] = '\0';
            memmove(h->buffer, newline + 1, h->used - length - 1);
            h->used -= length + 1;
            return 0;
        }
        if (h->used == sizeof(h->buffer)) {
            return READ_TOO_LONG;
        }
        long left = remaining_ms(&h->deadline);
        if (left <= 0) {
            return READ_TIMEOUT;
        }
        struct pollfd pfd = {.fd = h->from_child, .events = POLLIN};
        int ready = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int) left);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready == 0) {
            return READ_TIMEOUT;
        }
        if (ready < 0) {
            return READ_ERROR;
        }
        ssize_t n = read(h->from_child, h->buffer + h->used, sizeof(h->buffer) - h->used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return READ_ERROR;
        }
        if (n == 0) {
            return READ_EOF;
        }
        h->used += (size_t) n;
    }
}

/*
 * Writes to the helper's stdin. The helper may have died: that must be a refusal, not a SIGPIPE that ends the
 * sshd process. SIGPIPE is blocked in this thread for the write only, a SIGPIPE the write raised is taken off
 * the pending set, and the mask is put back: the process's signal dispositions are never changed.
 */
static int write_all(int fd, const char *data, size_t length) {
    sigset_t pipe_only, previous, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigemptyset(&pending);
    sigpending(&pending);
    int already_pending = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
    int result = 0;
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            result = -1;
            break;
        }
        data += n;
        length -= (size_t) n;
    }
    if (result != 0 && errno == EPIPE && !already_pending) {
        const struct timespec now = {0, 0};
        while (sigtimedwait(&pipe_only, NULL, &now) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return result;
}

/* Ends the helper (and its process group); its wait status, or -1 if it could not be reaped. */
static int stop_helper(struct helper *h, int kill_now) {
    close(h->to_child);
    close(h->from_child);
    int status = 0;
    for (int i = 0; !kill_now && i < 50; i++) {
        pid_t done = waitpid(h->pid, &status, WNOHANG);
        if (done == h->pid) {
            kill(-h->pid, SIGKILL); /* anything it left behind */
            return status;
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        usleep(20000);
    }
    if (kill(-h->pid, SIGKILL) != 0) {
        kill(h->pid, SIGKILL);
    }
    pid_t done;
    do {
        done = waitpid(h->pid, &status, 0);
    } while (done < 0 && errno == EINTR);
    return done == h->pid ? status : -1;
}

/* Shows the INFO lines and the PROMPT, returns the answer (to wipe and free) or NULL if the user gave none. */
static char *ask(pam_handle_t *pamh, char info[][LINE_MAX_BYTES], int info_count, const char *prompt, int echo) {
    const struct pam_conv *conv = NULL;
    if (pam_get_item(pamh, PAM_CONV, (const void **) &conv) != PAM_SUCCESS || conv == NULL || conv->conv == NULL) {
        return NULL;
    }
    struct pam_message messages[MAX_INFO_LINES + 1];
    const struct pam_message *pointers[MAX_INFO_LINES + 1];
    for (int i = 0; i < info_count; i++) {
        messages[i].msg_style = PAM_TEXT_INFO;
        messages[i].msg = info[i];
        pointers[i] = &messages[i];
    }
    messages[info_count].msg_style = echo ? PAM_PROMPT_ECHO_ON : PAM_PROMPT_ECHO_OFF;
    messages[info_count].msg = prompt;
    pointers[info_count] = &messages[info_count];
    struct pam_response *responses = NULL;
    if (conv->conv(info_count + 1, pointers, &responses, conv->appdata_ptr) != PAM_SUCCESS || responses == NULL) {
        return NULL;
    }
    char *answer = responses[info_count].resp;
    for (int i = 0; i < info_count; i++) {
        free(responses[i].resp);
    }
    free(responses);
    return answer != NULL ? answer : strdup("");
}

static void wipe(char *answer) {
    if (answer != NULL) {
        explicit_bzero(answer, strlen(answer));
        free(answer);
    }
}

static int deny(pam_handle_t *pamh, const char *message, int result) {
    pam_error(pamh, "%s", message);
    return result;
}

static const char *read_failure_text(int failure) {
    switch (failure) {
        case READ_EOF: return "ended its output without a complete OK or DENY line";
        case READ_TOO_LONG: return "sent a line longer than 4095 bytes";
        default: return "could not be read";
    }
}

/* How the helper ended, for the log. */
static void describe_status(int status, char *out, size_t size) {
    if (status < 0) {
        snprintf(out, size, "could not be reaped");
    } else if (WIFSIGNALED(status)) {
        snprintf(out, size, "was killed by signal %d", WTERMSIG(status));
    } else {
        snprintf(out, size, "exited with status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

static int converse_with_helper(pam_handle_t *pamh, const struct options *options_in, const char *user,
                                const char *rhost, const struct accepted_key *key, char info[][LINE_MAX_BYTES],
                                const char *user_log, const char *rhost_log);

PAM_EXTERN int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv) {
    (void) flags;
    struct options options;
    if (parse_options(pamh, argc, argv, &options) != 0) {
        return deny(pamh, UNREACHABLE, PAM_SERVICE_ERR);
    }
    const char *user = NULL;
    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL || *user == '\0' || strchr(user, '\n')) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_NOTICE, "login refused: no valid user name");
        return PAM_AUTH_ERR;
    }
    const void *rhost_item = NULL;
    pam_get_item(pamh, PAM_RHOST, &rhost_item);
    const char *rhost = rhost_item;
    char user_log[LOGGED_TEXT_MAX + 1], rhost_log[LOGGED_TEXT_MAX + 1];
    loggable(user_log, sizeof(user_log), user);
    loggable(rhost_log, sizeof(rhost_log), rhost != NULL && *rhost != '\0' ? rhost : "(unknown)");

    struct accepted_key *key = calloc(1, sizeof(*key));
    char (*info)[LINE_MAX_BYTES] = calloc(MAX_INFO_LINES, LINE_MAX_BYTES);
    if (key == NULL || info == NULL) {
        free(key);
        free(info);
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "login refused for %s from %s: out of memory", user_log, rhost_log);
        return deny(pamh, UNREACHABLE, PAM_AUTH_ERR);
    }
    struct ca_keys *ca = NULL;
    if (options.accept_certificates && (ca = calloc(1, sizeof(*ca))) != NULL) {
        for (int i = 0; i < options.ca_count; i++) {
            load_ca_file(pamh, options.ca_files[i], ca);
        }
    }
    read_accepted_key(pamh, ca, key);
    free(ca);
    if (options.accept_certificates && key->all_realm_certificates) {
        /* sshd verified the certificate (TrustedUserCAKeys, RevokedKeys, principals), and a realm CA signed it (ca=):
           the login it ends needs no prompt. */
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_INFO, "certificate login accepted for %s from %s without a prompt "
                   "(certificates=accept, signed by a ca= key)", user_log, rhost_log);
        free(key);
        free(info);
        return PAM_SUCCESS;
    }
    int result = converse_with_helper(pamh, &options, user, rhost, key, info, user_log, rhost_log);
    free(key);
    free(info);
    return result;
}

/* Runs the helper and turns its lines into the conversation; the PAM result. */
static int converse_with_helper(pam_handle_t *pamh, const struct options *options_in, const char *user,
                                const char *rhost, const struct accepted_key *key, char info[][LINE_MAX_BYTES],
                                const char *user_log, const char *rhost_log) {
    struct options options = *options_in;
    struct helper h;
    int exec_errno = 0;
    if (start_helper(pamh, &h, &options, user, rhost, key, &exec_errno) != 0) {
        return deny(pamh, UNREACHABLE, PAM_AUTH_ERR);
    }
    if (exec_errno != 0) {
        stop_helper(&h, 1);
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "login refused for %s from %s: cannot run the helper %s: %s",
                   user_log, rhost_log, options.helper, strerror(exec_errno));
        return deny(pamh, UNREACHABLE, PAM_AUTH_ERR);
    }

    char line[LINE_MAX_BYTES];
    int info_count = 0;
    int accepted = 0;
    int failure = 0;
    const char *message = UNREACHABLE;
    char denial[LINE_MAX_BYTES];

    while ((failure = read_line(&h, line, sizeof(line))) == 0) {
        if (strncmp(line, "INFO ", 5) == 0 && info_count < MAX_INFO_LINES) {
            snprintf(info[info_count++], LINE_MAX_BYTES, "%s", line + 5);
        } else if (strncmp(line, "PROMPT ", 7) == 0) {
            char *answer = ask(pamh, info, info_count, line + 7, options.echo);
            info_count = 0;
            if (answer == NULL || strchr(answer, '\n') != NULL) {
                wipe(answer);
                message = NO_ANSWER;
                pam_syslog(pamh, LOG_AUTHPRIV | LOG_NOTICE, "login refused for %s from %s: no answer was given",
                           user_log, rhost_log);
                break;
            }
            int failed = write_all(h.to_child, answer, strlen(answer)) != 0 || write_all(h.to_child, "\n", 1) != 0;
            wipe(answer);
            if (failed) {
                pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR,
                           "login refused for %s from %s: the helper stopped reading before the answer", user_log,
                           rhost_log);
                break;
            }
        } else if (strncmp(line, "OK", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
            accepted = 1;
            break;
        } else if (strncmp(line, "DENY ", 5) == 0) {
            snprintf(denial, sizeof(denial), "%s", line + 5);
            message = denial;
            char reason[LOGGED_TEXT_MAX + 1];
            loggable(reason, sizeof(reason), denial);
            pam_syslog(pamh, LOG_AUTHPRIV | LOG_NOTICE, "login refused for %s from %s: %s", user_log, rhost_log,
                       reason);
            break;
        } else {
            pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR,
                       "login refused for %s from %s: the helper broke the protocol (a line of %zu bytes that is "
                       "not INFO, PROMPT, OK or DENY, or more than %d INFO lines)",
                       user_log, rhost_log, strlen(line), MAX_INFO_LINES);
            break;
        }
    }
    int status = stop_helper(&h, failure == READ_TIMEOUT);
    char ended[64];
    describe_status(status, ended, sizeof(ended));
    if (failure == READ_TIMEOUT) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_WARNING,
                   "login refused for %s from %s: the helper did not finish within timeout=%d seconds; stopped it",
                   user_log, rhost_log, options.timeout);
    } else if (failure != 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "login refused for %s from %s: the helper %s, and %s", user_log,
                   rhost_log, read_failure_text(failure), ended);
    } else if (accepted && status != 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR, "login refused for %s from %s: the helper said OK but %s",
                   user_log, rhost_log, ended);
    }
    if (accepted && status == 0) {
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_INFO, "second factor accepted for %s from %s", user_log, rhost_log);
        /* INFO lines before OK are a notice for after the login (e.g. few recovery codes left): no prompt follows,
           so they go out on their own; sshd shows them once the session starts. */
        for (int i = 0; i < info_count; i++) {
            pam_info(pamh, "%s", info[i]);
        }
        return PAM_SUCCESS;
    }
    return deny(pamh, message, PAM_AUTH_ERR);
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv) {
    (void) pamh; (void) flags; (void) argc; (void) argv;
    return PAM_SUCCESS;
}
