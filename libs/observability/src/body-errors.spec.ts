import { DomainError } from '@broadsheet/contracts';
import { bodyError, nonUtf8Json } from './body-errors';

/** An error as body-parser raises it (http-errors): a status, a type, sometimes the parser's own message. */
const parserError = (status: number, type?: string, extra: object = {}) =>
  Object.assign(new Error('Unexpected token t in JSON at position 9: {"secret": t'), { status, type, ...extra });

describe('body parser errors', () => {
  it('answers malformed JSON in the designed words, never the parser’s, which quote the body', () => {
    const error = bodyError(parserError(400, 'entity.parse.failed'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'the body is not valid JSON' });
    expect(JSON.stringify(error?.details)).not.toContain('secret');
  });

  it.each([
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE', 'body'],
    ['charset.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type'],
    ['encoding.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-encoding'],
    ['request.size.invalid', 400, 'VALIDATION_FAILED', 'content-length'],
  ])('maps %s to %s %s naming %s', (type, status, code, path) => {
    expect(bodyError(parserError(status, type))).toMatchObject({ code, details: [{ path }] });
  });

  it('says how large a body may be', () => {
    expect(bodyError(parserError(413, 'entity.too.large', { limit: 16_384 }))?.details).toEqual([
      { path: 'body', message: 'at most 16384 bytes' },
    ]);
  });

  it('answers a body that does not decompress as unreadable, and leaves server errors alone', () => {
    expect(bodyError(parserError(400))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'the body could not be read',
    });
    expect(bodyError(parserError(500, 'stream.encoding.set'))).toBeUndefined();
    expect(bodyError(new Error('a bug'))).toBeUndefined();
  });

  it('refuses JSON in any charset but UTF-8', () => {
    expect(nonUtf8Json('application/json; charset=utf-7')).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(nonUtf8Json('application/ninjs+json;charset="ISO-8859-1"')).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(nonUtf8Json('application/json; charset=UTF-8')).toBeUndefined();
    expect(nonUtf8Json('application/json')).toBeUndefined();
    expect(nonUtf8Json('application/rss+xml; charset=iso-8859-1')).toBeUndefined();
  });
});
