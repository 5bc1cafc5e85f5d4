/**
 * How the numbered sections of a digest count, defined once: `restart` (each numbered section
 * starts at 1) or `continue` (the numbers run on from the section before).
 *
 * @example
 * NUMBERINGS // → ['restart', 'continue']
 */
export const NUMBERINGS = ['restart', 'continue'] as const;

/** How the numbered sections count: `restart` at 1 in each, or `continue` across them. */
export type Numbering = (typeof NUMBERINGS)[number];
