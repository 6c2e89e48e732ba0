/**
 * A thread that cleans stories for IntakePool: the same pure `intake` every channel uses, off the
 * thread that serves HTTP, Kafka and the store.
 */
import { parentPort } from 'node:worker_threads';
import { intake } from '../submissions/intake';
import type { IntakeRequest, IntakeResponse } from './intake-pool';

const port = parentPort;
if (!port) throw new Error('intake.worker runs as a worker thread of IntakePool');

port.on('message', ({ id, raws, profile }: IntakeRequest) => {
  let response: IntakeResponse;
  try {
    response = { id, results: raws.map((raw) => intake(raw, profile)) };
  } catch (error) {
    response = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(response);
});
