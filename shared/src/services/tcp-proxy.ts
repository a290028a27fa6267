import { createServer, connect, type Socket } from 'node:net';

/** A TCP proxy in front of a service, so that a test can make the service go away and come back. */
export interface TcpProxy {
  /** The target URL with the proxy's host and port in place of the service's. */
  readonly url: string;
  /** Closes every connection through the proxy and refuses new ones, as a stopped service would. */
  down(): void;
  /** Accepts connections again, as a restarted service would. */
  up(): void;
  /** Keeps every connection open but passes nothing on, either way: a service that hangs (`kill -STOP`). */
  freeze(): void;
  /** Passes on again what was held, as a service that wakes up would. */
  thaw(): void;
  stop(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  let accepting = true;
  let frozen = false;
  const join = ([client, upstream]: [Socket, Socket]): void => void client.pipe(upstream).pipe(client);
  const hold = ([client, upstream]: [Socket, Socket]): void => {
    client.unpipe(upstream).pause();
    upstream.unpipe(client).pause();
  };
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    if (!accepting) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    track(client);
    track(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.once('close', () => pairs.delete(pair));
    if (frozen) hold(pair);
    else join(pair);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const proxied = new URL(targetUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(typeof address === 'object' && address ? address.port : 0);
  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: proxied.toString().replace(/\/$/, ''),
    down: () => {
      accepting = false;
      dropConnections();
    },
    up: () => {
      accepting = true;
    },
    freeze: () => {
      frozen = true;
      pairs.forEach(hold);
    },
    thaw: () => {
      frozen = false;
      pairs.forEach(join);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        server.close(() => resolve());
      }),
  };
}
