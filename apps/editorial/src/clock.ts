import { Injectable } from '@nestjs/common';

/** The time, as an adapter: the scheduler and every use case ask it, so a test can set it. */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
