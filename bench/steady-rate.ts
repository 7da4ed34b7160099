import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SteadyResult {
  sent: number;
  acknowledged: number;
  errors: number;
  p50: number;
  p99: number;
}

/**
 * Sends requests at a steady rate (one every 1000/rate ms, open loop) and measures each latency from the
 * moment it was due, so a slow server cannot hide queueing by slowing the sender down. Hand-written because
 * autocannon's rate limit sends each second's requests in a burst at the start of that second, which
 * measures the burst's queue rather than latency at a steady rate.
 */
export async function steadyRate(
  port: number,
  path: string,
  rate: number,
  seconds: number,
  body: (i: number) => string,
): Promise<SteadyResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  const latencies: number[] = [];
  let acknowledged = 0;
  let errors = 0;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const payload = body(i);
    // A request sent up to a millisecond early (no timer that short) counts from when it went, not from before.
    const from = Math.max(due, performance.now());
    inFlight.push(
      new Promise<void>((resolve) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            response.resume();
            response.on('end', () => {
              latencies.push(performance.now() - from);
              if (response.statusCode && response.statusCode < 300) acknowledged += 1;
              else errors += 1;
              resolve();
            });
          },
        );
        request.on('error', () => {
          errors += 1;
          resolve();
        });
        request.end(payload);
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0;
  return { sent: total, acknowledged, errors, p50: at(0.5), p99: at(0.99) };
}
