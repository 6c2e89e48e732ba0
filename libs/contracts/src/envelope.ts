import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** CloudEvents 1.0 structured-mode envelope (application/cloudevents+json). */
export const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  type: z.string().min(1),
  /** The producing service, e.g. `/editorial`. */
  source: z.string().min(1),
  /** The aggregate id: article id or article key. */
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  dataschema: z.string().min(1),
  datacontenttype: z.literal('application/json').optional(),
  correlationid: z.string().min(1),
  data: z.unknown(),
});

export type Envelope<T = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: T };

export interface NewEnvelope<T> {
  type: string;
  source: string;
  subject: string;
  dataschema: string;
  correlationId: string;
  data: T;
  time?: Date;
}

export function makeEnvelope<T>(e: NewEnvelope<T>): Envelope<T> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    type: e.type,
    source: e.source,
    subject: e.subject,
    time: (e.time ?? new Date()).toISOString(),
    dataschema: e.dataschema,
    correlationid: e.correlationId,
    data: e.data,
  };
}
