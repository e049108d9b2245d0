/*
 * pam_hpc_mfa: the second factor at the SSH prompt, asked of Keycloak (HPC MFA pack, /realms/{realm}/ssh-terminal).
 *
 * sshd has already accepted the user's key (AuthenticationMethods publickey,keyboard-interactive:pam). This module
 * runs the helper hpc-mfa-terminal, which holds the gateway client's secret and speaks HTTPS to Keycloak, and
 * turns its line protocol into one PAM conversation:
 *
 *   helper -> module   INFO <text>      a line shown above the prompt (push sent, code mailed)
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
 *   certificates=ask|accept ask (default): every login gets the prompt; accept: a login whose accepted key was an
 *                           OpenSSH certificate (sshd checked it against TrustedUserCAKeys and RevokedKeys) passes
 *                           without a prompt. Only for an sshd that trusts the realm's CA alone (no other
 *                           TrustedUserCAKeys, no cert-authority lines in authorized_keys)
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

static const char *UNREACHABLE = "The MFA service could not be asked. Login refused; try again later or contact support.";
static const char *NO_ANSWER = "No answer was given. Login refused.";

struct options {
    const char *helper;
    const char *config;
    int timeout;
    int echo;
    int device;
    int accept_certificates;
};

/* What SSH_AUTH_INFO_0 says about the publickey step: the (last) accepted key, and whether every one was a certificate. */
struct accepted_key {
    int found;
    int all_certificates;
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
        } else {
            pam_syslog(pamh, LOG_AUTHPRIV | LOG_ERR,
                       "invalid option \"%.*s\": use helper=/PATH config=/PATH timeout=1..%d echo mode=prompt|device "
                       "certificates=ask|accept; login refused",
                       LOGGED_TEXT_MAX, arg, TIMEOUT_MAX_SECONDS);
            return -1;
        }
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

/*
 * One "publickey TYPE BASE64" line of SSH_AUTH_INFO_0 (length bytes, no newline) into key; 0, or -1 when the line
 * is not exactly that (then it counts as a key that is no certificate).
 */
static int parse_publickey_line(const char *line, size_t length, struct accepted_key *key) {
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
    return type_length > suffix && memcmp(type + type_length - suffix, CERT_SUFFIX, suffix) == 0 ? 1 : 0;
}

/*
 * Reads the completed methods sshd exposes to PAM (SSH_AUTH_INFO_0, set by sshd itself before keyboard-interactive).
 * all_certificates is set only when there is at least one publickey line and every one is a well-formed certificate:
 * a missing, oversized or malformed value means "ask".
 */
static void read_accepted_key(pam_handle_t *pamh, struct accepted_key *key) {
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
            int kind = parse_publickey_line(line, length, key);
            key->found = kind >= 0; /* the last publickey line names the key; a malformed one names none */
            certificates += kind == 1;
        }
        line = newline != NULL ? newline + 1 : line + length;
    }
    if (!key->found) {
        key->text[0] = '\0';
    }
    key->all_certificates = keys > 0 && certificates == keys;
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
    read_accepted_key(pamh, key);
    if (options.accept_certificates && key->all_certificates) {
        /* sshd verified the certificate (TrustedUserCAKeys, RevokedKeys, principals): the login it ends needs no prompt. */
        pam_syslog(pamh, LOG_AUTHPRIV | LOG_INFO, "certificate login accepted for %s from %s without a prompt "
                   "(certificates=accept)", user_log, rhost_log);
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
        return PAM_SUCCESS;
    }
    return deny(pamh, message, PAM_AUTH_ERR);
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv) {
    (void) pamh; (void) flags; (void) argc; (void) argv;
    return PAM_SUCCESS;
}
