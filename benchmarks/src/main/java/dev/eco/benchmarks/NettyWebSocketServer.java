package dev.eco.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;

/**
 * The WebSocket reference: Netty's own way to serve it. {@link WebSocketServerProtocolHandler} does the
 * upgrade, pings, closes and the RFC's checks (UTF-8 validated, 1009 over 64 KiB), {@link
 * WebSocketFrameAggregator} reassembles fragments, and each text or binary message is written back as it came
 * (the same frame and buffer), with one flush per read batch. {@code quit} is answered {@code bye} and close
 * 1000, as eco does. NIO by default; {@code --epoll} uses the native transport. A request that is not an
 * upgrade is answered 404.
 */
public final class NettyWebSocketServer {

    static final int MAX_MESSAGE = 65_536;

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        if (args.epoll() && !Epoll.isAvailable()) {
            System.err.println("netty: the native epoll transport does not load: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        IoHandlerFactory io = args.epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(MAX_MESSAGE)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .withUTF8Validator(true)
                        .build())
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(args.threads(), io);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(args.epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(new HttpServerCodec(), new HttpObjectAggregator(8192), new NotAnUpgrade());
                            p.addLast(new WebSocketServerProtocolHandler(ws));
                            p.addLast(new WebSocketFrameAggregator(MAX_MESSAGE), new Echo());
                        }
                    })
                    .bind("127.0.0.1", args.port())
                    .sync()
                    .channel();
            InetSocketAddress a = (InetSocketAddress) server.localAddress();
            // "listening tcp" as the other servers print it: benchmarks/compare waits for that line
            System.out.println((args.epoll() ? "netty-ws-epoll" : "netty-ws") + " listening tcp "
                    + a.getAddress().getHostAddress() + ":" + a.getPort());
            System.out.flush();
            server.closeFuture().sync();
        } finally {
            var _ = group.shutdownGracefully(); // the process ends next: nothing waits for the loops to stop
        }
    }

    /** A request without {@code Upgrade: websocket} gets 404; an upgrade goes on to the protocol handler. */
    static final class NotAnUpgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
        NotAnUpgrade() {
            super(false);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the listener closes the connection; nothing else to do
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                ctx.fireChannelRead(request);
                return;
            }
            request.release();
            var response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
            HttpUtil.setContentLength(response, 0);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes each message back as it came; one flush per read batch. */
    static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        Echo() {
            super(false);
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // Netty's idiom: a failed write goes to exceptionCaught
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text
                    && text.content().readableBytes() == 4
                    && text.text().equals("quit")) {
                text.release();
                ctx.write(new TextWebSocketFrame("bye"));
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(ChannelFutureListener.CLOSE);
            } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                ctx.write(frame, ctx.voidPromise());
            } else {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // closing is all there is to do; its outcome changes nothing
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The frame decoder has sent its own close (1002, 1007, 1009); the aggregator has not.
            if (cause instanceof TooLongFrameException && !(cause instanceof CorruptedWebSocketFrameException)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1009, "message too big"))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }
}
