import { Module } from '@nestjs/common';
import { ReadModelFigures } from './read-model.figures';
import { RebuildController } from './rebuild.controller';
import { Rebuilds } from './rebuilds';

/** Operations on delivery's read model: its rebuild and its figures in the admin status. */
@Module({ controllers: [RebuildController], providers: [Rebuilds, ReadModelFigures] })
export class DeliveryOpsModule {}
