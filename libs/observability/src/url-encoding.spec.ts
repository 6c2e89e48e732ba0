import { urlEncodingError } from './url-encoding';

describe('urlEncodingError', () => {
  it.each([
    '/v1/articles/budget-vote',
    '/v1/search?q=%D8%A8%D9%88%D8%AF%D8%AC%D9%87', // بودجه
    '/v1/search?q=100%',
    '/v1/search?q=a+b&limit=5',
    '/v1/articles/caf%C3%A9',
  ])('lets %s through', (url) => {
    expect(urlEncodingError(url)).toBeUndefined();
  });

  it.each([
    ['/v1/articles/%FF%3Cscript%3E', 'path'],
    ['/v1/articles/%E0%A4%A', 'path'],
    ['/v1/search?q=%FF', 'query'],
    ['/v1/search?q=%ED%A0%80', 'query'],
    ['/v1/search?q=%C3', 'query'],
  ])('refuses %s naming the %s', (url, part) => {
    const error = urlEncodingError(url);
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(error?.details).toEqual([{ path: part, message: expect.any(String) as string }]);
    expect(error?.message).not.toContain('script');
  });
});
