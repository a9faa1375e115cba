/*
 * kafka-mock: a real Kafka-protocol broker for tests, built on librdkafka's
 * in-process mock cluster (rdkafka_mock.h). It gives integration tests a
 * broker that speaks the wire protocol (kafkajs connects to it like to Kafka)
 * without a JVM, so a fresh CI machine only needs librdkafka-dev.
 *
 * Usage: kafka-mock [topic:partitions ...]
 *   With no topic arguments the EnvFace default topics are created
 *   (envface.{monitoring,permit,enforcement,registry,ratings,dlq,lists}.v1, 4 each).
 *
 * Output (stdout, one line each, flushed):
 *   line 1: the bootstrap servers, e.g. "127.0.0.1:34567"
 *   line 2: "control 127.0.0.1:<port>"  (TCP control port, see below)
 *
 * Commands, one per line, on stdin or on any connection to the control port:
 *   create <topic> <partitions>  -> "ok" | "error <reason>"
 *   down <brokerId>              -> "ok" | "error <reason>"
 *   up <brokerId>                -> "ok" | "error <reason>"
 *   ping                         -> "pong"
 * down/up take a broker out of service and back (rd_kafka_mock_broker_set_
 * down/up: its connections are closed and new ones refused, while topics,
 * offsets and groups survive), so tests can stage a broker outage without
 * killing the process that holds the cluster's state. The cluster has one
 * broker, id 1.
 * The mock does not implement the CreateTopics admin API, so topics that
 * tests need are created through this channel. The control port exists
 * because jest test files run in worker processes that cannot write to the
 * helper's stdin (owned by the jest main process).
 *
 * Lifetime: runs until stdin reaches EOF (so it dies with its parent, never
 * orphaned) or SIGTERM/SIGINT arrives.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#define MAX_CLIENTS 64
#define LINE_MAX_LEN 512

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int sig) {
        (void)sig;
        stop_requested = 1;
}

typedef struct {
        int fd;
        size_t len;
        char buf[LINE_MAX_LEN];
} client_t;

static rd_kafka_mock_cluster_t *mcluster;

static int create_topic(const char *spec_topic, int partitions, char *reply,
                        size_t reply_size) {
        rd_kafka_resp_err_t err;
        if (partitions < 1 || partitions > 1000) {
                snprintf(reply, reply_size, "error invalid partition count");
                return -1;
        }
        err = rd_kafka_mock_topic_create(mcluster, spec_topic, partitions, 1);
        if (err) {
                snprintf(reply, reply_size, "error %s", rd_kafka_err2str(err));
                return -1;
        }
        snprintf(reply, reply_size, "ok");
        return 0;
}

/* Parses "topic:partitions"; a missing ":n" means 4 partitions. */
static int create_topic_spec(const char *spec) {
        char topic[LINE_MAX_LEN];
        char reply[LINE_MAX_LEN];
        const char *colon = strrchr(spec, ':');
        int partitions = 4;
        size_t tlen = colon ? (size_t)(colon - spec) : strlen(spec);
        if (tlen == 0 || tlen >= sizeof(topic)) {
                fprintf(stderr, "kafka-mock: bad topic spec '%s'\n", spec);
                return -1;
        }
        memcpy(topic, spec, tlen);
        topic[tlen] = '\0';
        if (colon)
                partitions = atoi(colon + 1);
        if (create_topic(topic, partitions, reply, sizeof(reply)) != 0) {
                fprintf(stderr, "kafka-mock: %s: %s\n", topic, reply);
                return -1;
        }
        return 0;
}

static void set_broker_up(int broker_id, int up, char *reply,
                          size_t reply_size) {
        rd_kafka_resp_err_t err =
            up ? rd_kafka_mock_broker_set_up(mcluster, broker_id)
               : rd_kafka_mock_broker_set_down(mcluster, broker_id);
        if (err)
                snprintf(reply, reply_size, "error %s", rd_kafka_err2str(err));
        else
                snprintf(reply, reply_size, "ok");
}

static void handle_command(char *line, char *reply, size_t reply_size) {
        char topic[LINE_MAX_LEN];
        int partitions, broker_id;
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
                line[--n] = '\0';
        if (strcmp(line, "ping") == 0) {
                snprintf(reply, reply_size, "pong");
        } else if (sscanf(line, "create %511s %d", topic, &partitions) == 2) {
                create_topic(topic, partitions, reply, reply_size);
        } else if (sscanf(line, "down %d", &broker_id) == 1) {
                set_broker_up(broker_id, 0, reply, reply_size);
        } else if (sscanf(line, "up %d", &broker_id) == 1) {
                set_broker_up(broker_id, 1, reply, reply_size);
        } else {
                snprintf(reply, reply_size, "error unknown command");
        }
}

/* Consumes complete lines from a buffer; returns -1 when the peer should be
 * dropped (write failure or an over-long line). */
static int process_buffer(client_t *c, int out_fd) {
        char reply[LINE_MAX_LEN + 64];
        char *nl;
        while ((nl = memchr(c->buf, '\n', c->len)) != NULL) {
                size_t line_len = (size_t)(nl - c->buf);
                *nl = '\0';
                handle_command(c->buf, reply, sizeof(reply) - 1);
                strcat(reply, "\n");
                if (write(out_fd, reply, strlen(reply)) < 0)
                        return -1;
                memmove(c->buf, nl + 1, c->len - line_len - 1);
                c->len -= line_len + 1;
        }
        return c->len >= sizeof(c->buf) - 1 ? -1 : 0;
}

static int open_control_socket(int *port) {
        struct sockaddr_in addr;
        socklen_t addr_len = sizeof(addr);
        int one = 1;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
                return -1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        memset(&addr, 0, sizeof(addr));
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
            listen(fd, 16) < 0 ||
            getsockname(fd, (struct sockaddr *)&addr, &addr_len) < 0) {
                close(fd);
                return -1;
        }
        *port = ntohs(addr.sin_port);
        return fd;
}

int main(int argc, char **argv) {
        static const char *default_topics[] = {
            "envface.monitoring.v1:4", "envface.permit.v1:4",
            "envface.enforcement.v1:4", "envface.registry.v1:4",
            "envface.ratings.v1:4",    "envface.dlq.v1:4",
            "envface.lists.v1:4"};
        char errstr[512];
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        client_t clients[MAX_CLIENTS];
        client_t stdin_client = {.fd = STDIN_FILENO, .len = 0};
        int nclients = 0;
        int listen_fd, control_port, i;
        struct sigaction sa;

        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_signal;
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        /* A client that disconnects mid-reply must not kill the broker. */
        signal(SIGPIPE, SIG_IGN);

        conf = rd_kafka_conf_new();
        /* The handle only anchors the mock cluster; silence its own logs. */
        rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof(errstr));
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "kafka-mock: rd_kafka_new: %s\n", errstr);
                return 1;
        }
        mcluster = rd_kafka_mock_cluster_new(rk, 1);
        if (!mcluster) {
                fprintf(stderr, "kafka-mock: cannot create mock cluster\n");
                return 1;
        }

        if (argc > 1) {
                for (i = 1; i < argc; i++)
                        if (create_topic_spec(argv[i]) != 0)
                                return 1;
        } else {
                for (i = 0; i < (int)(sizeof(default_topics) /
                                      sizeof(default_topics[0]));
                     i++)
                        if (create_topic_spec(default_topics[i]) != 0)
                                return 1;
        }

        listen_fd = open_control_socket(&control_port);
        if (listen_fd < 0) {
                perror("kafka-mock: control socket");
                return 1;
        }

        printf("%s\ncontrol 127.0.0.1:%d\n",
               rd_kafka_mock_cluster_bootstraps(mcluster), control_port);
        fflush(stdout);

        while (!stop_requested) {
                struct pollfd fds[MAX_CLIENTS + 2];
                int nfds = 0, rc;
                fds[nfds].fd = STDIN_FILENO;
                fds[nfds++].events = POLLIN;
                fds[nfds].fd = listen_fd;
                fds[nfds++].events = POLLIN;
                for (i = 0; i < nclients; i++) {
                        fds[nfds].fd = clients[i].fd;
                        fds[nfds++].events = POLLIN;
                }
                rc = poll(fds, (nfds_t)nfds, 500);
                if (rc < 0) {
                        if (errno == EINTR)
                                continue;
                        perror("kafka-mock: poll");
                        break;
                }
                if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                        ssize_t r = read(STDIN_FILENO,
                                         stdin_client.buf + stdin_client.len,
                                         sizeof(stdin_client.buf) - 1 -
                                             stdin_client.len);
                        if (r <= 0)
                                break; /* parent went away */
                        stdin_client.len += (size_t)r;
                        if (process_buffer(&stdin_client, STDOUT_FILENO) < 0)
                                stdin_client.len = 0;
                }
                if (fds[1].revents & POLLIN) {
                        int cfd = accept(listen_fd, NULL, NULL);
                        if (cfd >= 0) {
                                if (nclients < MAX_CLIENTS) {
                                        clients[nclients].fd = cfd;
                                        clients[nclients].len = 0;
                                        nclients++;
                                } else {
                                        close(cfd);
                                }
                        }
                }
                /* Iterate backwards so removal by swapping with the last
                 * entry does not skip anyone; fds[2+i] matches clients[i]
                 * for the clients that existed when poll() was called. */
                for (i = nfds - 3; i >= 0; i--) {
                        client_t *c = &clients[i];
                        ssize_t r;
                        if (!(fds[i + 2].revents & (POLLIN | POLLHUP | POLLERR)))
                                continue;
                        r = read(c->fd, c->buf + c->len,
                                 sizeof(c->buf) - 1 - c->len);
                        if (r > 0) {
                                c->len += (size_t)r;
                                if (process_buffer(c, c->fd) == 0)
                                        continue;
                        }
                        close(c->fd);
                        clients[i] = clients[--nclients];
                }
        }

        for (i = 0; i < nclients; i++)
                close(clients[i].fd);
        close(listen_fd);
        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}
