/**
 * Keeps secrets out of everything the publish step says: the AppSecret and every access token
 * are registered here, and each message taken from outside (errmsg, failure reasons) goes
 * through `redact` before it reaches an error, a progress event or the dry-run output.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret (ignored when shorter than 4 characters: too likely to match by chance). */
  add(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  /**
   * The text with every registered secret replaced by `***`.
   *
   * @example
   * const r = new Redactor(); r.add('s3cr3t-value');
   * r.redact('bad secret s3cr3t-value') // → 'bad secret ***'
   */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.replaceAll(secret, '***');
    return out;
  }
}
