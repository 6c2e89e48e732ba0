import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Writes `request` as raw bytes to the server at `url` and reads one HTTP/1.1 response: lets a test
 * send what no HTTP client would (a broken request line, a control character in a header).
 */
export function rawRequest(url: string, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no complete response within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(data);
      if (parsed) resolve(parsed);
      else reject(error ?? new Error(`incomplete response: ${JSON.stringify(data.toString('latin1').slice(0, 200))}`));
    };
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (complete(data)) finish();
    });
    // The server may close without reading all we sent (e.g. a body it refused): what it answered counts.
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
  });
}

function split(data: Buffer): { head: string; body: Buffer } | undefined {
  const end = data.indexOf('\r\n\r\n');
  return end < 0 ? undefined : { head: data.subarray(0, end).toString('latin1'), body: data.subarray(end + 4) };
}

function complete(data: Buffer): boolean {
  const parts = split(data);
  const length = parts?.head.match(/\r\ncontent-length:\s*(\d+)/i)?.[1];
  return parts !== undefined && length !== undefined && parts.body.length >= Number(length);
}

function parseResponse(data: Buffer): RawResponse | undefined {
  const parts = split(data);
  const status = parts?.head.match(/^HTTP\/1\.[01] (\d{3})/)?.[1];
  if (!parts || !status) return undefined;
  const headers = Object.fromEntries(
    parts.head
      .split('\r\n')
      .slice(1)
      .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { status: Number(status), headers, body: parts.body.toString('utf8') };
}
