import { WECHAT_POLICY } from './policy.js';

/**
 * True for an image already on WeChat's image host: kept as it is, never uploaded, and counted
 * at its own length on the API path.
 *
 * @example
 * isWechatHosted('https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png') // → true
 * isWechatHosted('figures/loss.png') // → false
 */
export function isWechatHosted(src: string): boolean {
  try {
    return (WECHAT_POLICY.imageHosts as readonly string[]).includes(new URL(src).hostname);
  } catch {
    return false;
  }
}
