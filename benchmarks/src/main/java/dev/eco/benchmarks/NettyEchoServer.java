package dev.eco.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;

/**
 * The event-loop reference: Netty's own way to echo lines. {@link LineBasedFrameDecoder} cuts frames (LF
 * kept), each frame is written as it comes, and the channel is flushed once at the end of each read batch.
 * NIO by default; {@code --epoll} uses the native transport. UDP echoes each datagram to its sender.
 */
public final class NettyEchoServer {

    static final int MAX_LINE = 8192;

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        if (args.epoll() && !Epoll.isAvailable()) {
            System.err.println("netty: the native epoll transport does not load: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        IoHandlerFactory io = args.epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        String name = args.epoll() ? "netty-epoll" : "netty-nio";
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(args.threads(), io);
        try {
            Channel tcp = new ServerBootstrap()
                    .group(group)
                    .channel(args.epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE, false, true), LineEcho.INSTANCE);
                        }
                    })
                    .bind("127.0.0.1", args.port())
                    .sync()
                    .channel();
            System.out.println(name + " listening tcp " + address(tcp));
            if (args.udpPort() >= 0) {
                Channel udp = new Bootstrap()
                        .group(group)
                        .channel(args.epoll() ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .handler(new DatagramEcho())
                        .bind("127.0.0.1", args.udpPort())
                        .sync()
                        .channel();
                System.out.println(name + " listening udp " + address(udp));
            }
            System.out.flush();
            tcp.closeFuture().sync();
        } finally {
            var _ = group.shutdownGracefully(); // the process ends next: nothing waits for the loops to stop
        }
    }

    private static String address(Channel ch) {
        InetSocketAddress a = (InetSocketAddress) ch.localAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Writes each frame back; one flush per read batch, as Netty's examples do. */
    @Sharable
    static final class LineEcho extends ChannelInboundHandlerAdapter {
        static final LineEcho INSTANCE = new LineEcho();

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // Netty's idiom: a failed write goes to exceptionCaught
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ctx.write(frame, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // closing is all there is to do; its outcome changes nothing
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a peer that went away, or a line over MAX_LINE
        }
    }

    static final class DatagramEcho extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // Netty's idiom: a failed write goes to exceptionCaught
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ctx.write(new DatagramPacket(packet.content().retain(), packet.sender()), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
