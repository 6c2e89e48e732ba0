import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG } from '@broadsheet/observability';
import type { Request, Response } from 'express';
import type { DeliveryConfig } from '../config';
import { CachePolicies } from '../http/cache-control';
import { represent, Representation, sendConditional } from '../http/conditional';
import { stylesheet } from './stylesheet';

/** The site's masthead initial as an icon: browsers ask for one, and a 404 there is a console error. */
const icon = (name: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1a1a1a"/>` +
  `<text x="16" y="23" font-family="Georgia,serif" font-size="20" fill="#fff" text-anchor="middle">${name.charAt(0).replace(/[<>&"']/g, '')}</text></svg>`;

/** The site's stylesheet, built once from the configured ad slots, and its icon. */
@ApiExcludeController()
@Controller()
export class AssetsController {
  private readonly css: Representation;
  private readonly icon: Representation;

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.css = represent(stylesheet(config.AD_SLOTS), 'text/css; charset=utf-8', new Date());
    this.icon = represent(icon(config.SITE_NAME), 'image/svg+xml', new Date());
  }

  @Get('assets/site.css')
  site(@Req() req: Request, @Res() res: Response): void {
    sendConditional(req, res, this.css, CachePolicies.asset);
  }

  @Get(['favicon.ico', 'assets/icon.svg'])
  favicon(@Req() req: Request, @Res() res: Response): void {
    sendConditional(req, res, this.icon, CachePolicies.asset);
  }
}
