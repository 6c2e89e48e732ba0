import { Injectable } from '@nestjs/common';

export type Figure = () => Promise<number>;

/**
 * Counts a service adds to its admin status beside the messaging ones (e.g. delivery's published
 * articles and the index's documents, which must match).
 */
@Injectable()
export class StatusFigures {
  private readonly figures = new Map<string, Figure>();

  register(name: string, figure: Figure): void {
    this.figures.set(name, figure);
  }

  /** Each figure, or the error that kept it from being read. */
  async read(): Promise<Record<string, number | string>> {
    const entries: Array<readonly [string, number | string]> = await Promise.all(
      [...this.figures].map(async ([name, figure]) => {
        try {
          return [name, await figure()] as const;
        } catch (error) {
          return [name, `unavailable: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}
