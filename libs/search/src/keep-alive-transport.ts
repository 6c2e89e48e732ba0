import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError } from 'meilisearch';

/** What the Meilisearch client hands its `httpClient`: fetch's arguments. */
type Fetchish = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => Promise<unknown>;

/**
 * Meilisearch requests over a keep-alive agent of Node's own `http`, in place of the client's `fetch`: on a
 * search path that answers a reader per query, fetch's streams and Response objects cost more CPU than
 * Meilisearch's answer is worth, and the agent keeps its sockets to Meilisearch open between searches.
 * Answers as the client expects: the parsed JSON body, or MeilisearchApiError for an error status; a
 * refused connection or an abort (the client's timeout) rejects with its cause, which the client turns
 * into MeilisearchRequestError / MeilisearchRequestTimeOutError as it would for fetch.
 */
export function keepAliveTransport(maxSockets = 64): Fetchish {
  // Idle sockets go after 4 s, before Meilisearch (actix-web: 5 s) closes them under a request being sent.
  const options = { keepAlive: true, maxSockets, scheduling: 'lifo' as const, timeout: 4_000 };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
      const body = typeof init.body === 'string' ? init.body : undefined;
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const signal = init.signal ?? undefined;
      const send = url.protocol === 'https:' ? https.request : http.request;
      const req = send(
        url,
        { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            signal?.removeEventListener('abort', abort);
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const parsed: unknown = text === '' ? undefined : JSON.parse(text);
              const status = res.statusCode ?? 500;
              if (status < 300) return resolve(parsed);
              reject(new MeilisearchApiError(new Response(text, { status }), parsed as never));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      const abort = (): void => {
        req.destroy();
        // The reason itself, whatever it is: the client recognises its own timeout by identity.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(signal?.reason);
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      req.on('error', (error) => {
        signal?.removeEventListener('abort', abort);
        reject(error);
      });
      req.end(body);
    });
}
