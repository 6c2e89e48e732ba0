import { Injectable } from '@nestjs/common';
import { SourceProfile } from '../submissions/intake';
import { SourcesRepository } from './sources.repository';

/** What intake applies for a source: its registration's defaults, or none for a bootstrap-only source. */
@Injectable()
export class SourceProfiles {
  constructor(private readonly sources: SourcesRepository) {}

  async profileOf(name: string): Promise<SourceProfile> {
    const source = await this.sources.find(name);
    return source
      ? { name, defaultCategory: source.defaultCategory, autoPublish: source.autoPublish }
      : { name, autoPublish: false };
  }
}
