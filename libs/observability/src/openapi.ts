import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * OpenAPI from the zod schemas the routes parse with, so a query, path or body is described once:
 * what the document says is what `parseInput` enforces. Every field must carry a one-line
 * description (`.describe()`); a missing one fails at start-up, not in a reader's client.
 */

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** A zod schema as JSON Schema for what a client sends (defaults optional, coerced strings, dates as date-time). */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    target: 'openapi-3.0',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') Object.assign(jsonSchema, { type: 'string', format: 'date-time' });
    },
  }) as JsonSchema;
}

/** A reply schema as JSON Schema, for `@ApiOkResponse({ schema })`. */
export function replyJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0' });
}

function fields(schema: z.ZodType, where: string): Array<[string, JsonSchema, boolean]> {
  const json = inputJsonSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, field]) => {
    if (typeof field.description !== 'string') throw new Error(`OpenAPI: ${where} field "${name}" has no description`);
    return [name, field, json.required?.includes(name) ?? false];
  });
}

/** Documents every field of a query schema as a query parameter. */
export function ApiZodQuery(schema: z.ZodType): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...fields(schema, 'query').map(([name, { description, ...field }, required]) =>
      ApiQuery({ name, required, description: description as string, schema: field }),
    ),
  );
}

/** Documents every field of a path-parameter schema (e.g. `z.object({ id: ... })`). */
export function ApiZodParams(schema: z.ZodType): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...fields(schema, 'path').map(([name, { description, ...field }]) =>
      ApiParam({ name, required: true, description: description as string, schema: field }),
    ),
  );
}

/** Documents a JSON request body from its zod schema; `required: false` when the route takes none too. */
export function ApiZodBody(schema: z.ZodType, description: string, required = true): MethodDecorator {
  fields(schema, 'body');
  return ApiBody({ description, required, schema: inputJsonSchema(schema) });
}

/** What each error status means, shown beside it in the document. */
const errorMeanings: Record<number, string> = {
  400: 'A parameter, header or the body is invalid; details name each field at fault.',
  401: 'No credentials, or credentials that are invalid or expired.',
  403: 'The credentials do not allow this action.',
  404: 'Nothing exists at this address.',
  405: 'The path exists but not with this method; `Allow` lists the methods it takes.',
  409: 'The current state does not allow this; details list what it allows.',
  410: 'It existed but is no longer available (unpublished or killed).',
  412: '`If-Match` names a revision that is no longer current.',
  413: 'The body, or the event it would become, is over the size limit.',
  414: 'The URL is longer than the server reads.',
  415: 'The Content-Type or Content-Encoding is not supported.',
  428: '`If-Match` is required.',
  431: 'The request headers are larger than the server reads.',
  429: 'Too many requests; retry after `Retry-After` seconds.',
  500: 'An unexpected failure; the correlation id finds it in the logs.',
  503: 'A dependency (Kafka, the store or Meilisearch) is unavailable.',
};

export const errorSchemaName = 'Error';

/** The statuses any route can answer whatever it does: a body or header refused, wrong method, failures. */
const everywhere = [400, 405, 413, 414, 415, 431, 500];

/** Documents the error answers of a route, each in the platform's error shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, ...everywhere])].sort();
  return applyDecorators(
    ...all.map((status) =>
      ApiResponse({
        status,
        description: errorMeanings[status] ?? 'An error.',
        schema: { $ref: `#/components/schemas/${errorSchemaName}` },
      }),
    ),
  );
}

const detail = z.object({
  path: z.string().describe('Dotted path of the field or header at fault, e.g. `images.0.url`.'),
  message: z.string().describe('What is wrong with it.'),
});

/** The platform's one error shape, as the document's shared `Error` component. */
export const errorReplySchema = z.object({
  error: z
    .object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED; clients branch on it.'),
      message: z.string().describe('Human-readable explanation.'),
      details: z.array(detail).describe('One entry per field at fault; empty when none applies.'),
      correlationId: z.string().describe('Id of this request in every service log and on Kafka.'),
    })
    .describe('What went wrong.'),
});

/** Adds the shared error component to a generated document. */
export function withErrorComponent(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    [errorSchemaName]: replyJsonSchema(errorReplySchema),
  };
  return document;
}
