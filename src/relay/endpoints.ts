import { UPLOAD_TARGETS } from '../publish/images.js';

/** The most a JSON body may hold (draft/add with 8 articles of 20,000 characters fits many times over). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** Room for the multipart framing around an uploaded file (boundaries, part headers, the file name). */
export const MULTIPART_ALLOWANCE_BYTES = 16 * 1024;

/** How the relay treats one endpoint it forwards. */
export interface RelayEndpoint {
  /** `json`: an object sent as JSON; `media`: one file in the multipart field `media`. */
  body: 'json' | 'media';
  /** The largest body (JSON) or file (media) accepted, in bytes. */
  maxBytes: number;
  /** Whether a failed call may be repeated upstream. A repeat of the others could make two drafts, publish twice, or send two previews. */
  idempotent: boolean;
  /** Query parameters the client may pass, with their allowed values. */
  query: Record<string, readonly string[]>;
}

/**
 * What the relay forwards: exactly the endpoints publishing uses, each with its body, size cap
 * and whether it may be repeated. Everything else (stable_token above all: the token stays on the
 * relay) is refused with 403.
 *
 * @example
 * RELAY_ENDPOINTS['draft/add'].idempotent // → false
 * RELAY_ENDPOINTS['media/uploadimg'].maxBytes // → 1000000
 * 'stable_token' in RELAY_ENDPOINTS // → false
 */
export const RELAY_ENDPOINTS: Readonly<Record<string, RelayEndpoint>> = {
  // Body images: WeChat's own limit for uploadimg.
  'media/uploadimg': { body: 'media', maxBytes: UPLOAD_TARGETS.image.maxBytes, idempotent: true, query: {} },
  // The cover and animated GIFs, as permanent image material: WeChat's limit for type image.
  'material/add_material': { body: 'media', maxBytes: UPLOAD_TARGETS.material.maxBytes, idempotent: true, query: { type: ['image'] } },
  'draft/add': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: false, query: {} },
  'draft/update': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: true, query: {} },
  'draft/get': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: true, query: {} },
  'draft/delete': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: true, query: {} },
  'freepublish/submit': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: false, query: {} },
  'freepublish/get': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: true, query: {} },
  'message/mass/preview': { body: 'json', maxBytes: MAX_JSON_BYTES, idempotent: false, query: {} },
};

/**
 * The most bytes a request body to `endpoint` may have: the cap, plus the multipart framing for a file.
 *
 * @example
 * bodyLimit(RELAY_ENDPOINTS['draft/get']) // → 2097152
 * bodyLimit(RELAY_ENDPOINTS['media/uploadimg']) // → 1016384
 */
export function bodyLimit(endpoint: RelayEndpoint): number {
  return endpoint.body === 'media' ? endpoint.maxBytes + MULTIPART_ALLOWANCE_BYTES : endpoint.maxBytes;
}
