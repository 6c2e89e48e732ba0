import express from 'express';
import { methodsAt } from './method-not-allowed';

describe('methodsAt', () => {
  const app = express();
  const ok = (_req: express.Request, res: express.Response) => void res.end();
  app.get('/v1/articles', ok);
  app.post('/v1/articles/:id/publish', ok);
  app.get('/v1/articles/:id', ok);
  const stack = (app as unknown as { router: { stack: Parameters<typeof methodsAt>[0] } }).router.stack;

  it('lists the methods the routes at a path take, path parameters matched', () => {
    expect(methodsAt(stack, '/v1/articles')).toEqual(['GET']);
    expect(methodsAt(stack, '/v1/articles/abc/publish')).toEqual(['POST']);
    expect(methodsAt(stack, '/v1/articles/abc')).toEqual(['GET']);
  });

  it('lists none for a path no route has, which stays a 404', () => {
    expect(methodsAt(stack, '/v1/nothing')).toEqual([]);
  });
});
