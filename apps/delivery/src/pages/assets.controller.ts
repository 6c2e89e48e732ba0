import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG } from '@broadsheet/observability';
import type { Request, Response } from 'express';
import type { DeliveryConfig } from '../config';
import { CachePolicies } from '../http/cache-control';
import { represent, Representation, sendConditional } from '../http/conditional';
import { stylesheet } from './stylesheet';

/** The site's stylesheet, built once from the configured ad slots. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  private readonly css: Representation;

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.css = represent(stylesheet(config.AD_SLOTS), 'text/css; charset=utf-8', new Date());
  }

  @Get('site.css')
  site(@Req() req: Request, @Res() res: Response): void {
    sendConditional(req, res, this.css, CachePolicies.asset);
  }
}
