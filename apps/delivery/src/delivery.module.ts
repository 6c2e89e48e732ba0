import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '@broadsheet/auth';
import { DeadLettersController, MessagingModule } from '@broadsheet/messaging';
import { ObservabilityModule } from '@broadsheet/observability';
import { MongoModule } from '@broadsheet/persistence';
import { SearchModule } from '@broadsheet/search';
import { ArticleReads } from './articles/article-reads';
import { ArticlesController } from './articles/articles.controller';
import { HotArticleMiddleware } from './articles/hot-article';
import { ContentConsumer } from './articles/content.consumer';
import { ReadModelRepository } from './articles/read-model.repository';
import { HotCache } from './cache/hot-cache';
import { DeliveryConfig } from './config';
import { FeedsController } from './feeds/feeds.controller';
import { defaultCacheControl } from './http/cache-control';
import { RateLimitMiddleware } from './http/rate-limit';
import { ArticlePage } from './pages/article-page';
import { ArticlePageController } from './pages/article-page.controller';
import { AssetsController } from './pages/assets.controller';
import { FrontPagesController } from './pages/front-pages.controller';
import { ProblemPages } from './pages/problem-pages';
import { ReaderNotFoundModule } from './pages/reader-not-found';
import { PageRenderer } from './pages/renderer';
import { SearchPageController } from './pages/search-page.controller';
import { DeliveryOpsModule } from './rebuild/delivery-ops.module';
import { SearchController } from './search/search.controller';
import { HotSearchMiddleware } from './search/hot-search';
import { SearchReads } from './search/search-reads';
import { SearchService } from './search/search.service';
import { SitemapsController } from './sitemaps/sitemaps.controller';
import { TrendingController } from './trending/trending.controller';
import { TrendingService } from './trending/trending.service';
import { ViewCounter } from './trending/view-counter';
import { ViewsRepository } from './trending/views.repository';

@Module({})
export class DeliveryModule implements NestModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        ObservabilityModule.forRoot(config),
        MongoModule.forRoot({ url: config.MONGO_URL, dbName: config.MONGO_DB }),
        AuthModule.forRoot(config.JWT_SECRET),
        SearchModule.forRoot({
          url: config.MEILI_URL,
          apiKey: config.MEILI_SEARCH_KEY,
          indexPrefix: config.MEILI_INDEX_PREFIX,
          keepAlive: true,
        }),
        MessagingModule.forService('delivery', config),
        DeliveryOpsModule,
        // Last: its 404 filter must be tried before ObservabilityModule's catch-all one.
        ReaderNotFoundModule,
      ],
      controllers: [
        ArticlesController,
        TrendingController,
        SearchController,
        FeedsController,
        SitemapsController,
        FrontPagesController,
        ArticlePageController,
        SearchPageController,
        AssetsController,
        ContentConsumer,
        DeadLettersController,
      ],
      providers: [
        ReadModelRepository,
        ViewsRepository,
        HotCache,
        ArticleReads,
        ViewCounter,
        TrendingService,
        SearchService,
        SearchReads,
        PageRenderer,
        ProblemPages,
        ArticlePage,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Probes and metrics are never limited: an orchestrator must see a busy replica as alive.
    consumer
      .apply(defaultCacheControl, RateLimitMiddleware)
      .exclude({ path: 'health/{*rest}', method: RequestMethod.ALL }, { path: 'metrics', method: RequestMethod.ALL })
      .forRoutes('*');
    consumer.apply(HotArticleMiddleware).forRoutes({ path: 'v1/articles/:slug', method: RequestMethod.GET });
    consumer.apply(HotSearchMiddleware).forRoutes({ path: 'v1/search', method: RequestMethod.GET });
  }
}
