/*
 * The cheapest echo server we could write, as the ceiling for the load generator: one thread, one epoll,
 * level-triggered; each readable socket is read once into one shared buffer and written straight back. Line
 * echo and RFC 862 echo are the same bytes, so this serves both on TCP, and echoes UDP datagrams too.
 * It writes back with a blocking-free send and drops the connection if the peer stops reading (a load
 * generator always reads), which is the only shortcut it takes.
 *
 *   echo TCP_PORT [UDP_PORT]     prints "c-echo listening tcp 127.0.0.1:PORT" (and udp) when ready
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static int listen_on(int type, int port) {
    int fd = socket(AF_INET, type | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); exit(1); }
    if (type == SOCK_STREAM && listen(fd, 4096) < 0) { perror("listen"); exit(1); }
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    printf("c-echo listening %s 127.0.0.1:%d\n", type == SOCK_STREAM ? "tcp" : "udp", ntohs(a.sin_port));
    return fd;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: echo TCP_PORT [UDP_PORT]\n"); return 2; }
    static char buf[65536];
    int ep = epoll_create1(0);
    int lfd = listen_on(SOCK_STREAM, atoi(argv[1]));
    int ufd = argc > 2 ? listen_on(SOCK_DGRAM, atoi(argv[2])) : -1;
    fflush(stdout);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    if (ufd >= 0) { ev.data.fd = ufd; epoll_ctl(ep, EPOLL_CTL_ADD, ufd, &ev); }
    struct epoll_event events[512];
    for (;;) {
        int n = epoll_wait(ep, events, 512, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
                }
            } else if (fd == ufd) {
                struct sockaddr_storage from;
                for (int k = 0; k < 64; k++) {
                    socklen_t fl = sizeof from;
                    ssize_t r = recvfrom(ufd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
                    if (r < 0) break;
                    sendto(ufd, buf, r, 0, (struct sockaddr *)&from, fl);
                }
            } else {
                ssize_t r = read(fd, buf, sizeof buf);
                if (r <= 0 || write(fd, buf, r) != r) close(fd); /* closing removes it from the epoll set */
            }
        }
    }
}
