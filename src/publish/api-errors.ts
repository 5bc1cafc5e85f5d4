import { DigestError } from '../core/errors.js';

/**
 * WeChat errcodes the publish step meets: errcode → [what happened, what to do]. Source: the Official Account global return
 * codes and the draft, material and stable_token API pages. In the texts, `{ip}` is the IP
 * address quoted in the errmsg and `{machine}` reads "this machine’s IP address 203.0.113.7".
 */
export const WECHAT_ERRCODES: Record<number, readonly [string, string]> = {
  [-1]: ['WeChat is busy', 'try again in a minute'],
  40001: ['the access token was refused', 'check that appSecret is current and that no other program forces a token refresh for this appId'],
  40002: ['the token request was malformed (grant_type)', 'report this as a bug of wechat-digest'],
  40005: ['WeChat does not accept this image type', 'convert the image to PNG or JPEG'],
  40006: ['the file size is not accepted', 'keep body images under 1 MB and the cover under 10 MB'],
  40007: ['the media_id is unknown to WeChat (the cover material or the draft was deleted, or belongs to another account)', 'publish again: a deleted cover is uploaded anew and a deleted draft added anew; if it keeps happening, delete the cache files in cacheDir'],
  40009: ['the image is too large', 'keep body images under 1 MB and the cover under 10 MB: compress them or save them as JPEG'],
  40013: ['the AppID is not valid', 'check appId (WECHAT_APP_ID) against 设置与开发 → 基本配置 in the Official Account platform'],
  40014: ['the access token is not valid', 'check that no other program forces a token refresh for this appId'],
  40097: ['a request argument is not valid', 'check the draft fields (title, author, digest, source URL) for unusual characters'],
  40113: ['WeChat does not accept this file type', 'convert the image to PNG or JPEG'],
  40125: ['the AppSecret is not valid', 'check appSecret (WECHAT_APP_SECRET); reset it in 设置与开发 → 基本配置 if it was changed'],
  40164: ['{machine} is not on the account\u2019s IP whitelist', 'add {ip} to the IP whitelist (设置与开发 → 基本配置 → IP白名单) in the Official Account platform, then run again'],
  41001: ['the access token is missing', 'report this as a bug of wechat-digest'],
  41004: ['the AppSecret is missing', 'pass appSecret (WECHAT_APP_SECRET)'],
  41005: ['the media data is missing (most often the cover: an upload without a file, or a draft without thumb_media_id)', 'check that the cover file exists and is not empty, then publish again'],
  42001: ['the access token expired', 'run again; if it keeps happening, another program may be refreshing the token for this appId'],
  43002: ['the request used the wrong HTTP method', 'check apiBase: it must point at the WeChat API'],
  44002: ['the request body was empty', 'check apiBase: a proxy may be dropping request bodies'],
  44003: ['the draft is empty (no article, or an article without title or content)', 'check that the digest has a title and renders content; a proxy may be cutting the request body'],
  45001: ['the file is larger than WeChat allows', 'keep body images under 1 MB and the cover under 10 MB'],
  45002: ['the content is too long', 'keep the content under 20,000 characters: shorten the digest or publish with split'],
  45003: ['the title is too long', 'shorten the title to 64 characters or fewer (32 show in the feed)'],
  45004: ['the digest (feed summary) is too long', 'shorten it to 120 characters or fewer'],
  45009: ['the account reached its daily quota for this API', 'try again tomorrow, or reset the quota once in 设置与开发 → 接口权限 (clear_quota)'],
  45011: ['too many calls in a short time', 'wait a minute and run again'],
  45166: ['WeChat judged the content invalid', 'run `wechat-digest check article.html --target api` and fix what it reports; WeChat also refuses some words and links it does not name, so remove recent additions one by one to find it'],
  47001: ['WeChat could not read the request data', 'report this as a bug of wechat-digest'],
  48001: ['the account is not authorised for this API', 'the draft and material APIs need a verified account or the permission in 设置与开发 → 接口权限; check the account\u2019s permissions'],
  50002: ['the account is restricted', 'check the notices in the Official Account platform'],
  89503: ['calls from this IP need an administrator\u2019s confirmation', 'confirm the call in the platform\u2019s security assistant, or add the IP to the whitelist'],
};

/** Errcodes after which a fresh token (force_refresh) and one retry may succeed. */
export const TOKEN_ERRCODES: readonly number[] = [40001, 40014, 42001];

/** Errcodes worth retrying after a pause, like a network failure. */
export const BUSY_ERRCODES: readonly number[] = [-1];

/**
 * The IP address WeChat quotes in a 40164 errmsg.
 *
 * @example
 * quotedIp('invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist') // → '203.0.113.7'
 */
export function quotedIp(errmsg: string): string | undefined {
  return /\bip\s+([0-9a-f]{1,4}(?:[.:][0-9a-f]{0,4}){2,7})/i.exec(errmsg)?.[1];
}

/**
 * The DigestError for a WeChat error response: what happened and what to do, with
 * `details.errcode`, `details.errmsg` (already free of secrets) and `details.endpoint`.
 *
 * @example
 * wechatApiError('draft/add', 45009, 'reach max api daily quota limit').message
 * // → 'WeChat refused draft/add (errcode 45009): the account reached its daily quota for this API. Try again tomorrow, …'
 */
export function wechatApiError(endpoint: string, errcode: number, errmsg: string): DigestError {
  const known = WECHAT_ERRCODES[errcode];
  let message: string;
  if (known) {
    const ip = quotedIp(errmsg);
    const fill = (s: string) =>
      s.replaceAll('{machine}', `this machine\u2019s IP address${ip ? ` ${ip}` : ''}`).replaceAll('{ip}', ip ?? 'this machine\u2019s public IP address');
    const [what, fix] = known.map(fill);
    message = `WeChat refused ${endpoint} (errcode ${errcode}): ${what}. ${fix[0].toUpperCase()}${fix.slice(1)}.`;
  } else {
    message = `WeChat refused ${endpoint} (errcode ${errcode}: ${errmsg}). Look the code up in the Official Account global return codes.`;
  }
  return new DigestError('E_WECHAT_API', message, { details: { errcode, errmsg, endpoint } });
}
