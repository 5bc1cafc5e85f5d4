import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The addresses a phone on the same network can open for a server listening on `host`: the
 * machine's IPv4 addresses outside loopback for `0.0.0.0` (or `::`), else `host` itself.
 *
 * @param host - The address the server listens on.
 * @param port - Its port.
 * @param interfaces - The network interfaces (default: this machine's).
 * @example
 * lanUrls('0.0.0.0', 4173, { eth0: [{ family: 'IPv4', address: '192.168.1.20', internal: false, … }] })
 * // → ['http://192.168.1.20:4173/']
 * lanUrls('192.168.1.20', 4173) // → ['http://192.168.1.20:4173/']
 */
export function lanUrls(host: string, port: number, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  return Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i.address}:${port}/`);
}

/**
 * A QR code of `url`: for the terminal (half-height blocks) and as SVG for the page. The QR
 * library is loaded here, only when `--host` asks for it.
 *
 * @param url - The address to encode.
 * @example
 * const { terminal, svg } = await qrCode('http://192.168.1.20:4173/')
 * terminal.includes(' █ ███ █ ') // → true
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') // → true
 */
export async function qrCode(url: string): Promise<{ terminal: string; svg: string }> {
  const { default: QRCode } = await import('qrcode');
  const [terminal, svg] = await Promise.all([
    QRCode.toString(url, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }),
    QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
  ]);
  return { terminal, svg };
}
