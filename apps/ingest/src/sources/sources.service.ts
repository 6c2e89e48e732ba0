import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import { z } from 'zod';
import { emptyPoll, newKey, Source, sourceIdOf } from './source';
import { createSourceSchema, updateSourceSchema } from './sources.dto';
import { SourcesRepository } from './sources.repository';

type Created = { source: Source; apiKey: { id: string; secret: string } };

/** Registering sources and their keys (admin). */
@Injectable()
export class SourcesService {
  constructor(private readonly repo: SourcesRepository) {}

  async create(input: z.output<typeof createSourceSchema>, now = new Date()): Promise<Created> {
    const id = sourceIdOf(input.name);
    const { secret, key } = newKey(now);
    const source: Source = {
      id,
      ...input,
      keys: [key],
      poll: { ...emptyPoll(), nextPollAt: input.feedUrl ? now : undefined },
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.repo.insert(source))) throw new DomainError(ErrorCodes.Conflict, `source "${id}" exists already`);
    return { source, apiKey: { id: key.id, secret } };
  }

  async get(id: string): Promise<Source> {
    const source = await this.repo.find(id);
    if (!source) throw new DomainError(ErrorCodes.NotFound, `source ${id} not found`);
    return source;
  }

  list(): Promise<Source[]> {
    return this.repo.list();
  }

  async update(id: string, changes: z.output<typeof updateSourceSchema>, now = new Date()): Promise<Source> {
    const updated = await this.repo.update(id, { ...changes, updatedAt: now }, changes.feedUrl ? now : undefined);
    if (!updated) throw new DomainError(ErrorCodes.NotFound, `source ${id} not found`);
    return updated;
  }

  /** A new key beside the old ones, so a source can roll over before revoking the old key. */
  async addKey(id: string, now = new Date()): Promise<Created> {
    const { secret, key } = newKey(now);
    if (!(await this.repo.addKey(id, key, now))) throw new DomainError(ErrorCodes.NotFound, `source ${id} not found`);
    return { source: await this.get(id), apiKey: { id: key.id, secret } };
  }

  async revokeKey(id: string, keyId: string, now = new Date()): Promise<Source> {
    if (!(await this.repo.revokeKey(id, keyId, now))) {
      throw new DomainError(ErrorCodes.NotFound, `no active key ${keyId} on source ${id}`);
    }
    return this.get(id);
  }

  /** Its stories stay where they went; its keys stop working and its feed is no longer polled. */
  async delete(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new DomainError(ErrorCodes.NotFound, `source ${id} not found`);
  }
}
