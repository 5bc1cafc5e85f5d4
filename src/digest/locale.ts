import type { NumberStyle } from './number-style.js';
import type { LabelKey } from './schema.js';

/** The locales wechat-digest ships. */
export type Locale = 'zh' | 'en';

/** Words and punctuation of one locale. */
export interface LocaleStrings {
  labels: Record<LabelKey, string>;
  /** After a label: `：` in zh, `: ` in en. */
  colon: string;
  /** Between the titles of the headline summary. */
  listSeparator: string;
  /** Between author names when rendered as one line. */
  nameSeparator: string;
  /** After an item number: `1、` in zh, `1. ` in en. */
  numberSuffix: string;
  /** How items are numbered unless the digest says otherwise. */
  numberStyle: NumberStyle;
  /** Ends a shortened headline summary; `{n}` is the number of items left out. */
  more: string;
  /** Brackets around affiliations. */
  affiliationOpen: string;
  affiliationClose: string;
  /** Between affiliations. */
  affiliationSeparator: string;
  /** Between the parts of the meta line (date, account, author). */
  metaSeparator: string;
}

/** Locale strings; `labels` of a digest override single labels. */
export const LOCALES: Record<Locale, LocaleStrings> = {
  zh: {
    labels: {
      summary: '摘要',
      toc: '目录',
      points: '要点',
      oneLiner: '一句话总结',
      abstract: '摘要',
      links: '链接',
      link: '链接',
      endMark: '正文完',
      scanToFollow: '扫码关注',
      accountId: 'ID',
      comments: '欢迎在评论区留言讨论',
      references: '参考链接',
      credit: '来源',
      date: '日期',
      author: '作者',
    },
    colon: '：',
    listSeparator: '、',
    nameSeparator: ', ',
    numberSuffix: '、',
    numberStyle: '1、',
    more: ' 等 {n} 项',
    affiliationOpen: '[',
    affiliationClose: ']',
    affiliationSeparator: ' & ',
    metaSeparator: ' · ',
  },
  en: {
    labels: {
      summary: 'In brief',
      toc: 'Contents',
      points: 'Key points',
      oneLiner: 'In one sentence',
      abstract: 'Abstract',
      links: 'Links',
      link: 'Link',
      endMark: 'The end',
      scanToFollow: 'Scan to follow',
      accountId: 'ID',
      comments: 'Comments are welcome below',
      references: 'References',
      credit: 'Via',
      date: 'Date',
      author: 'Author',
    },
    colon: ': ',
    listSeparator: '; ',
    nameSeparator: ', ',
    numberSuffix: '. ',
    numberStyle: '1.',
    more: ' and {n} more',
    affiliationOpen: '[',
    affiliationClose: ']',
    affiliationSeparator: ' & ',
    metaSeparator: ' · ',
  },
};
