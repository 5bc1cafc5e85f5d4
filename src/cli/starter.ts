import type { DigestInput } from '../digest/schema.js';
import type { Locale } from '../digest/locale.js';

/** The published schema's address, for a starter written where no installed copy is known. */
export const SCHEMA_URL = 'https://unpkg.com/wechat-digest/schema/digest.schema.json';

/**
 * The digest `wechat-digest init` writes: two featured papers with every common field, one
 * further paper, a footnoted link and a footer. It renders as it is, without findings.
 *
 * @param locale - `zh` (default) or `en`.
 * @param date - The issue date, YYYY-MM-DD.
 * @param options - `schema`: the `$schema` reference, a path to the installed schema file or its
 *   URL (default); `preview`: the command the intro tells the reader to run (default
 *   `wechat-digest preview digest.json --watch`).
 * @example
 * starterDigest('en', '2025-03-01').sections[0].items?.length // → 2
 * starterDigest('en', '2025-03-01', { schema: './node_modules/wechat-digest/schema/digest.schema.json' }).$schema
 * // → './node_modules/wechat-digest/schema/digest.schema.json'
 */
export function starterDigest(locale: Locale, date: string, options: { schema?: string; preview?: string } = {}): DigestInput {
  const preview = options.preview ?? 'wechat-digest preview digest.json --watch';
  return { ...(locale === 'en' ? english(date, preview) : chinese(date, preview)), $schema: options.schema ?? SCHEMA_URL };
}

function chinese(date: string, preview: string): DigestInput {
  return {
    $schema: SCHEMA_URL,
    title: '今日论文速递',
    date,
    account: { name: '我的公众号', id: 'my_account_id' },
    categories: { LG: '机器学习', CL: '计算与语言' },
    intro: `本期精选两篇论文。把这个文件改成你的内容，再运行 \`${preview}\` 预览、复制到公众号编辑器。`,
    sections: [
      {
        items: [
          {
            tag: 'LG',
            title: 'Attention Is All You Need',
            translatedTitle: '注意力就是你所需要的一切',
            authors: ['A Vaswani', 'N Shazeer', 'N Parmar', 'J Uszkoreit', 'L Jones'],
            affiliations: ['Google Brain', 'Google Research'],
            points: [
              '提出 Transformer：完全基于注意力机制、不用循环和卷积的序列转换模型；',
              '训练可以高度并行，所需时间明显少于此前的模型；',
              '在 WMT 2014 英德、英法翻译任务上取得当时最好的 BLEU 分数。',
            ],
            oneLiner: '用纯注意力结构取代循环网络，翻译质量更好，训练更快。',
            abstract: 'We propose a new simple network architecture, the **Transformer**, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely. Code: [tensor2tensor](https://github.com/tensorflow/tensor2tensor).',
            url: 'https://arxiv.org/abs/1706.03762',
          },
          {
            tag: 'CL',
            title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
            translatedTitle: 'BERT：面向语言理解的深度双向 Transformer 预训练',
            authors: ['J Devlin', 'M Chang', 'K Lee', 'K Toutanova'],
            affiliations: ['Google AI Language'],
            points: [
              '用掩码语言模型和下一句预测在无标注文本上预训练双向表示；',
              '只需加一个输出层微调，就能用于问答、推理等多种任务；',
              '在 11 项自然语言处理任务上刷新了当时的最好成绩。',
            ],
            oneLiner: '双向预训练加简单微调，成为语言理解任务的通用起点。',
            url: 'https://arxiv.org/abs/1810.04805',
          },
        ],
      },
      {
        title: '另外几篇值得关注的论文',
        numbered: false,
        items: [
          {
            tag: 'LG',
            title: 'Adam: A Method for Stochastic Optimization',
            translatedTitle: 'Adam：一种随机优化方法',
            url: 'https://arxiv.org/abs/1412.6980',
          },
        ],
      },
    ],
    footer: { comments: '欢迎在评论区聊聊你最感兴趣的一篇。' },
  };
}

function english(date: string, preview: string): DigestInput {
  return {
    $schema: SCHEMA_URL,
    title: 'Papers of the day',
    date,
    locale: 'en',
    account: { name: 'My account', id: 'my_account_id' },
    categories: { LG: 'Machine learning', CL: 'Computation and language' },
    intro: `Two papers picked for today. Replace this file with your own content, then run \`${preview}\` to look at it and copy it into the WeChat editor.`,
    sections: [
      {
        items: [
          {
            tag: 'LG',
            title: 'Attention Is All You Need',
            authors: ['A Vaswani', 'N Shazeer', 'N Parmar', 'J Uszkoreit', 'L Jones'],
            affiliations: ['Google Brain', 'Google Research'],
            points: [
              'The Transformer: a sequence transduction model built on attention alone, without recurrence or convolutions.',
              'Training parallelises well and takes much less time than earlier models.',
              'Best BLEU scores of its time on WMT 2014 English–German and English–French translation.',
            ],
            oneLiner: 'Attention replaces recurrence: better translations, trained faster.',
            abstract: 'We propose a new simple network architecture, the **Transformer**, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely. Code: [tensor2tensor](https://github.com/tensorflow/tensor2tensor).',
            url: 'https://arxiv.org/abs/1706.03762',
          },
          {
            tag: 'CL',
            title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
            authors: ['J Devlin', 'M Chang', 'K Lee', 'K Toutanova'],
            affiliations: ['Google AI Language'],
            points: [
              'Bidirectional representations pre-trained on unlabelled text with masked language modelling and next-sentence prediction.',
              'One added output layer fine-tunes it for question answering, inference and more.',
              'New best results on eleven language-understanding tasks at the time.',
            ],
            oneLiner: 'Bidirectional pre-training plus light fine-tuning: a common starting point for language understanding.',
            url: 'https://arxiv.org/abs/1810.04805',
          },
        ],
      },
      {
        title: 'Also worth reading',
        numbered: false,
        items: [{ tag: 'LG', title: 'Adam: A Method for Stochastic Optimization', url: 'https://arxiv.org/abs/1412.6980' }],
      },
    ],
    footer: { comments: 'Tell us in the comments which paper you liked best.' },
  };
}
