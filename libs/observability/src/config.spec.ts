import { z } from 'zod';
import { baseConfigSchema, booleanFlag, ConfigError, loadConfig } from './config';

const schema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().max(65_535),
  SECRET: z.string().min(16),
  FLAG: booleanFlag,
});

describe('service configuration', () => {
  it('lists every problem at once, by variable name', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'PORT',
      'SECRET',
    ]);
  });

  it('applies defaults and turns brokers and flags into typed values', () => {
    const config = loadConfig(schema, {
      PORT: '3000',
      SECRET: 'x'.repeat(16),
      KAFKA_BROKERS: 'a:9092, b:9092',
      FLAG: 'yes',
    });
    expect(config).toMatchObject({
      PORT: 3000,
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
      FLAG: true,
      LOG_LEVEL: 'info',
      TOPIC_PREFIX: '',
    });
  });
});
