import { describeClientError } from './client-errors';

describe('requests Node’s HTTP parser refuses', () => {
  it('blames the URL when the request line alone overflowed, the headers otherwise', () => {
    const longLine = Buffer.from(`GET /?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n`);
    expect(describeClientError('HPE_HEADER_OVERFLOW', longLine)).toMatchObject({ status: 414, code: 'URI_TOO_LONG' });
    const bigHeader = Buffer.from(`GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}`);
    expect(describeClientError('HPE_HEADER_OVERFLOW', bigHeader)).toMatchObject({
      status: 431,
      code: 'HEADERS_TOO_LARGE',
    });
    expect(describeClientError('HPE_HEADER_OVERFLOW')).toMatchObject({ status: 431 });
  });

  it('names the request line or the headers as the part at fault', () => {
    expect(describeClientError('HPE_INVALID_METHOD').details[0]?.path).toBe('request-line');
    expect(describeClientError('HPE_INVALID_HEADER_TOKEN').details[0]?.path).toBe('headers');
    expect(describeClientError('HPE_INVALID_HEADER_TOKEN')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('answers a request that never finished arriving with 408', () => {
    expect(describeClientError('ERR_HTTP_REQUEST_TIMEOUT')).toMatchObject({ status: 408, code: 'REQUEST_TIMEOUT' });
  });
});
