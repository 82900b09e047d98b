/** The sources behind the exported claims, as a Markdown citation list: write.ts. */
import type { FormatDescriptor } from '../types.ts';
import { writeMarkdown } from './write.ts';

export const markdown: FormatDescriptor = {
  id: 'markdown',
  label: 'Sources (Markdown)',
  hint: 'the sources behind what is shown',
  writer: { contentType: 'text/markdown; charset=utf-8', extension: '.md', write: writeMarkdown },
};
