// Where a URL's host really connects (tests and diagnostics). Its own module so the proxy and the
// agents can both name it without importing each other.

export interface ConnectTarget {
  host: string;
  port: number;
}

/** Maps a URL's host and port to where the socket connects (tests: contoso.com:443 → 127.0.0.1:PORT). */
export type ConnectVia = (host: string, port: number) => ConnectTarget;
