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
 * success. Options: helper=PATH config=PATH timeout=SECONDS (whole exchange, default 180) echo (show the typed code).
 *
 * Build: gcc -fPIC -shared -O2 -Wall -o pam_hpc_mfa.so pam_hpc_mfa.c -lpam
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAM_SM_AUTH
#include <security/pam_appl.h>
#include <security/pam_ext.h>
#include <security/pam_modules.h>

#define LINE_MAX_BYTES 4096
#define MAX_INFO_LINES 8

static const char *UNREACHABLE = "The MFA service could not be asked. Login refused; try again later or contact support.";

struct options {
    const char *helper;
    const char *config;
    int timeout;
    int echo;
};

struct helper {
    pid_t pid;
    int to_child;
    int from_child;
    char buffer[LINE_MAX_BYTES];
    size_t used;
    time_t deadline;
};

static void parse_options(int argc, const char **argv, struct options *options) {
    options->helper = "/usr/local/lib/hpc-mfa/hpc-mfa-terminal";
    options->config = "/etc/hpc-mfa/terminal.conf";
    options->timeout = 180;
    options->echo = 0;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "helper=", 7) == 0) {
            options->helper = argv[i] + 7;
        } else if (strncmp(argv[i], "config=", 7) == 0) {
            options->config = argv[i] + 7;
        } else if (strncmp(argv[i], "timeout=", 8) == 0) {
            int value = atoi(argv[i] + 8);
            options->timeout = value > 0 ? value : options->timeout;
        } else if (strcmp(argv[i], "echo") == 0) {
            options->echo = 1;
        }
    }
}

static int start_helper(struct helper *h, const struct options *options, const char *user, const char *rhost) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) {
        return -1;
    }
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    h->pid = fork();
    if (h->pid < 0) {
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        return -1;
    }
    if (h->pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDERR_FILENO);
        }
        char *const args[] = {(char *) options->helper, "--config", (char *) options->config, (char *) user,
                              (char *) (rhost ? rhost : ""), NULL};
        char *const env[] = {"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", NULL};
        execve(options->helper, args, env);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    h->to_child = in[1];
    h->from_child = out[0];
    h->used = 0;
    h->deadline = time(NULL) + options->timeout;
    return 0;
}

/* One line from the helper, without its newline, within the deadline; -1 on timeout, EOF or error. */
static int read_line(struct helper *h, char *line, size_t size) {
    for (;;) {
        char *newline = memchr(h->buffer, '\n', h->used);
        if (newline != NULL) {
            size_t length = (size_t) (newline - h->buffer);
            if (length >= size) {
                return -1;
            }
            memcpy(line, h->buffer, length);
            line[length] = '\0';
            memmove(h->buffer, newline + 1, h->used - length - 1);
            h->used -= length + 1;
            return 0;
        }
        if (h->used == sizeof(h->buffer)) {
            return -1;
        }
        int left = (int) (h->deadline - time(NULL));
        if (left <= 0) {
            return -1;
        }
        struct pollfd pfd = {.fd = h->from_child, .events = POLLIN};
        int ready = poll(&pfd, 1, left * 1000);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return -1;
        }
        ssize_t n = read(h->from_child, h->buffer + h->used, sizeof(h->buffer) - h->used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        h->used += (size_t) n;
    }
}

static int write_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        data += n;
        length -= (size_t) n;
    }
    return 0;
}

/* Ends the helper; its exit status, or -1 if it had to be killed. */
static int stop_helper(struct helper *h) {
    close(h->to_child);
    close(h->from_child);
    int status = 0;
    for (int i = 0; i < 50; i++) {
        pid_t done = waitpid(h->pid, &status, WNOHANG);
        if (done == h->pid) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        usleep(20000);
    }
    kill(h->pid, SIGKILL);
    waitpid(h->pid, &status, 0);
    return -1;
}

/* Shows the INFO lines and the PROMPT, returns the answer (to free) or NULL if the user gave none. */
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

static int deny(pam_handle_t *pamh, const char *message) {
    pam_error(pamh, "%s", message);
    return PAM_AUTH_ERR;
}

PAM_EXTERN int pam_sm_authenticate(pam_handle_t *pamh, int flags, int argc, const char **argv) {
    (void) flags;
    struct options options;
    parse_options(argc, argv, &options);
    const char *user = NULL;
    if (pam_get_user(pamh, &user, NULL) != PAM_SUCCESS || user == NULL || *user == '\0' || strchr(user, '\n')) {
        return PAM_AUTH_ERR;
    }
    const char *rhost = NULL;
    pam_get_item(pamh, PAM_RHOST, (const void **) &rhost);

    struct helper h;
    if (start_helper(&h, &options, user, rhost) != 0) {
        return deny(pamh, UNREACHABLE);
    }
    /* The helper may die while we write its stdin; that must be a refusal, not a killed sshd child. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, previous;
    sigaction(SIGPIPE, &ignore, &previous);

    char info[MAX_INFO_LINES][LINE_MAX_BYTES];
    char line[LINE_MAX_BYTES];
    int info_count = 0;
    int result = PAM_AUTH_ERR;
    const char *message = UNREACHABLE;
    char denial[LINE_MAX_BYTES];

    while (read_line(&h, line, sizeof(line)) == 0) {
        if (strncmp(line, "INFO ", 5) == 0 && info_count < MAX_INFO_LINES) {
            snprintf(info[info_count++], LINE_MAX_BYTES, "%s", line + 5);
        } else if (strncmp(line, "PROMPT ", 7) == 0) {
            char *answer = ask(pamh, info, info_count, line + 7, options.echo);
            info_count = 0;
            if (answer == NULL || strchr(answer, '\n') != NULL) {
                free(answer);
                message = "No answer was given. Login refused.";
                break;
            }
            int failed = write_all(h.to_child, answer, strlen(answer)) != 0 || write_all(h.to_child, "\n", 1) != 0;
            memset(answer, 0, strlen(answer));
            free(answer);
            if (failed) {
                break;
            }
        } else if (strncmp(line, "OK", 2) == 0 && (line[2] == '\0' || line[2] == ' ')) {
            result = PAM_SUCCESS;
            break;
        } else if (strncmp(line, "DENY ", 5) == 0) {
            snprintf(denial, sizeof(denial), "%s", line + 5);
            message = denial;
            break;
        } else {
            break;
        }
    }
    int status = stop_helper(&h);
    sigaction(SIGPIPE, &previous, NULL);
    if (result == PAM_SUCCESS && status == 0) {
        return PAM_SUCCESS;
    }
    return deny(pamh, message);
}

PAM_EXTERN int pam_sm_setcred(pam_handle_t *pamh, int flags, int argc, const char **argv) {
    (void) pamh; (void) flags; (void) argc; (void) argv;
    return PAM_SUCCESS;
}
