import express from 'express';
import { methodsAt } from './method-not-allowed';

describe('methodsAt', () => {
  const app = express();
  const ok = (_req: express.Request, res: express.Response) => void res.end();
  app.get('/v1/articles', ok);
  app.post('/v1/articles/:id/publish', ok);
  app.get('/v1/articles/:id', ok);
  app.post('/v1/submissions/batch', ok);
  app.get('/v1/submissions/:id', ok);
  const stack = (app as unknown as { router: { stack: Parameters<typeof methodsAt>[0] } }).router.stack;

  it('lists the methods the routes at a path take, path parameters matched', () => {
    expect(methodsAt(stack, '/v1/articles')).toEqual(['GET']);
    expect(methodsAt(stack, '/v1/articles/abc/publish')).toEqual(['POST']);
    expect(methodsAt(stack, '/v1/articles/abc')).toEqual(['GET']);
  });

  it('takes a literal route at its word over a parameter route that also matches the path', () => {
    expect(methodsAt(stack, '/v1/submissions/batch')).toEqual(['POST']);
    expect(methodsAt(stack, '/v1/submissions/abc')).toEqual(['GET']);
  });

  it('lists none for a path no route has, which stays a 404', () => {
    expect(methodsAt(stack, '/v1/nothing')).toEqual([]);
  });
});
