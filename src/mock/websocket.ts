import { corsHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import type { MockResponse } from './build-mock-response.js';

/** What `/status/101` sends once switched, before closing normally: the switch is real, the session short. */
export const WEBSOCKET_GOODBYE = 'httpstatus: switched to websocket; closing';

/** Why `/status/101` was not switched: it answers only a WebSocket offer (RFC 6455 §4.1). */
export const WEBSOCKET_ONLY =
  '101 switches protocols only for a WebSocket upgrade: send Connection: Upgrade, Upgrade: websocket, Sec-WebSocket-Version: 13 and a Sec-WebSocket-Key';

/**
 * What a request to `/status/101` offers: a WebSocket handshake this server can complete (`switch`), one in a
 * version it does not speak (`version`), or nothing it can switch to (`none`).
 */
export function websocketOffer(upgrade: string | null | undefined, key: string | null | undefined, version: string | null | undefined) {
  if (upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string' || Buffer.from(key, 'base64').length !== 16) return 'none';
  return version === '13' ? 'switch' : 'version';
}

/** RFC 6455 §4.4: a version the server does not speak gets 426 naming the ones it does. */
export function unsupportedWebsocketVersion(version: string | null | undefined): MockResponse {
  const message = `this server speaks WebSocket version 13 only (RFC 6455 §4.4); the offer ${version ? `asked for version ${version}` : 'named no Sec-WebSocket-Version'}`;
  return {
    status: 426,
    reason: 'Upgrade Required',
    headers: [
      ['Sec-WebSocket-Version', '13'],
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ...corsHeaders(undefined),
      ['Content-Type', 'application/json'],
    ],
    body: Buffer.from(`${JSON.stringify(jsonError(426, message, version ?? undefined))}\n`),
    sleepMs: 0,
  };
}
