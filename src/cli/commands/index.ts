import type { CliCommand } from '../command.js';
import { checkCommand } from './check.js';
import { coverCommand } from './cover.js';
import { fillCommand } from './fill.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { previewCommand } from './preview.js';
import { publishCommand } from './publish.js';
import { relayCommand } from './relay.js';
import { renderCommand } from './render.js';
import { schemaCommand } from './schema.js';
import { themesCommand } from './themes.js';

/**
 * Every subcommand of `wechat-digest`, in the order `--help` lists them. A new command is one
 * file in this folder and one entry here.
 */
export const COMMANDS: readonly CliCommand[] = [
  renderCommand,
  previewCommand,
  checkCommand,
  publishCommand,
  relayCommand,
  coverCommand,
  schemaCommand,
  themesCommand,
  initCommand,
  importCommand,
  fillCommand,
];
