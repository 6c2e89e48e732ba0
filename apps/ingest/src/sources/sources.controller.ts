import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { JwtGuard, RequireRoles } from '@broadsheet/auth';
import { parseInput } from '@broadsheet/contracts';
import { ApiErrors, ApiZodBody, ApiZodParams, replyJsonSchema } from '@broadsheet/observability';
import { z } from 'zod';
import {
  createSourceSchema,
  keyPathSchema,
  keyReplySchema,
  sourceIdPathSchema,
  SourceReply,
  sourceReplySchema,
  toSourceReply,
  updateSourceSchema,
} from './sources.dto';
import { SourcesService } from './sources.service';

type KeyReply = z.infer<typeof keyReplySchema>;

@ApiTags('sources')
@ApiBearerAuth()
@UseGuards(JwtGuard)
@RequireRoles('admin')
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  // Methods are declared in the order `Allow` lists them (alphabetical), so the OpenAPI document agrees with 405s.
  @Get()
  @ApiOperation({ summary: 'All registered sources' })
  @ApiResponse({
    status: 200,
    description: 'Sources.',
    schema: replyJsonSchema(z.object({ items: z.array(sourceReplySchema) })),
  })
  @ApiErrors(401, 403)
  async list(): Promise<{ items: SourceReply[] }> {
    return { items: (await this.sources.list()).map(toSourceReply) };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a source; its first API key is in the answer, shown this once' })
  @ApiZodBody(createSourceSchema, 'The source.')
  @ApiResponse({ status: 201, description: 'Registered.', schema: replyJsonSchema(keyReplySchema) })
  @ApiErrors(400, 401, 403, 409)
  async create(@Body() body: unknown): Promise<KeyReply> {
    const { source, apiKey } = await this.sources.create(parseInput(createSourceSchema, body, 'body'));
    return { source: toSourceReply(source), apiKey };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a source: its keys stop working and its feed is no longer polled' })
  @ApiResponse({ status: 204, description: 'Removed.' })
  @ApiZodParams(sourceIdPathSchema)
  @ApiErrors(401, 403, 404)
  async remove(@Param() params: Record<string, string>): Promise<void> {
    await this.sources.delete(parseInput(sourceIdPathSchema, params, 'path').id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One source with its last poll, last error and item counts' })
  @ApiZodParams(sourceIdPathSchema)
  @ApiResponse({ status: 200, description: 'The source.', schema: replyJsonSchema(sourceReplySchema) })
  @ApiErrors(401, 403, 404)
  async get(@Param() params: Record<string, string>): Promise<SourceReply> {
    return toSourceReply(await this.sources.get(parseInput(sourceIdPathSchema, params, 'path').id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a source’s name, default category, auto-publish or feed' })
  @ApiZodParams(sourceIdPathSchema)
  @ApiZodBody(updateSourceSchema, 'The fields to change.')
  @ApiResponse({ status: 200, description: 'The source as changed.', schema: replyJsonSchema(sourceReplySchema) })
  @ApiErrors(400, 401, 403, 404)
  async update(@Param() params: Record<string, string>, @Body() body: unknown): Promise<SourceReply> {
    const { id } = parseInput(sourceIdPathSchema, params, 'path');
    return toSourceReply(await this.sources.update(id, parseInput(updateSourceSchema, body, 'body')));
  }

  @Post(':id/keys')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an API key (rotation: add the new one, then revoke the old); shown this once' })
  @ApiZodParams(sourceIdPathSchema)
  @ApiResponse({ status: 201, description: 'The new key.', schema: replyJsonSchema(keyReplySchema) })
  @ApiErrors(401, 403, 404)
  async addKey(@Param() params: Record<string, string>): Promise<KeyReply> {
    const { source, apiKey } = await this.sources.addKey(parseInput(sourceIdPathSchema, params, 'path').id);
    return { source: toSourceReply(source), apiKey };
  }

  @Delete(':id/keys/:keyId')
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once' })
  @ApiZodParams(keyPathSchema)
  @ApiResponse({
    status: 200,
    description: 'The source with the key revoked.',
    schema: replyJsonSchema(sourceReplySchema),
  })
  @ApiErrors(401, 403, 404)
  async revokeKey(@Param() params: Record<string, string>): Promise<SourceReply> {
    const { id, keyId } = parseInput(keyPathSchema, params, 'path');
    return toSourceReply(await this.sources.revokeKey(id, keyId));
  }
}
