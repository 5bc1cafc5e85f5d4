/**
 * Chinese labels of the arXiv categories that digests cover most, keyed by the arXiv id. Policy as
 * data: add a category here and every import names it. A category not listed is labelled with
 * its arXiv id.
 */
export const ARXIV_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'cs.AI': '人工智能',
  'cs.AR': '硬件体系结构',
  'cs.CC': '计算复杂性',
  'cs.CE': '计算工程',
  'cs.CG': '计算几何',
  'cs.CL': '计算与语言',
  'cs.CR': '密码学与安全',
  'cs.CV': '计算机视觉',
  'cs.CY': '计算机与社会',
  'cs.DB': '数据库',
  'cs.DC': '分布式计算',
  'cs.DL': '数字图书馆',
  'cs.DS': '数据结构与算法',
  'cs.ET': '新兴技术',
  'cs.FL': '形式语言',
  'cs.GR': '图形学',
  'cs.GT': '博弈论',
  'cs.HC': '人机交互',
  'cs.IR': '信息检索',
  'cs.IT': '信息论',
  'cs.LG': '机器学习',
  'cs.LO': '计算逻辑',
  'cs.MA': '多智能体系统',
  'cs.MM': '多媒体',
  'cs.NE': '神经与进化计算',
  'cs.NI': '网络与互联网架构',
  'cs.OS': '操作系统',
  'cs.PL': '编程语言',
  'cs.RO': '机器人',
  'cs.SD': '声音处理',
  'cs.SE': '软件工程',
  'cs.SI': '社交与信息网络',
  'cs.SY': '系统与控制',
  'stat.ML': '统计机器学习',
  'stat.ME': '统计方法',
  'stat.TH': '统计理论',
  'eess.AS': '音频与语音处理',
  'eess.IV': '图像与视频处理',
  'eess.SP': '信号处理',
  'eess.SY': '系统与控制',
  'math.OC': '优化与控制',
  'math.NA': '数值分析',
  'math.ST': '统计理论',
  'q-bio.NC': '神经元与认知',
  'q-bio.QM': '定量方法',
  'physics.comp-ph': '计算物理',
  'quant-ph': '量子物理',
  'cond-mat.dis-nn': '无序系统与神经网络',
};

/**
 * The tag an arXiv category is shown with: its subject code (`cs.LG` → `LG`), or the whole id
 * when it has no subject code (`quant-ph`).
 *
 * @example
 * arxivTag('cs.LG') // → 'LG'
 * arxivTag('quant-ph') // → 'quant-ph'
 */
export function arxivTag(category: string): string {
  const dot = category.indexOf('.');
  return dot < 0 ? category : category.slice(dot + 1);
}

/**
 * The Chinese label of an arXiv category, or the id itself when it is not in the table.
 *
 * @example
 * arxivLabel('cs.CV') // → '计算机视觉'
 * arxivLabel('hep-th') // → 'hep-th'
 */
export function arxivLabel(category: string): string {
  return ARXIV_CATEGORY_LABELS[category] ?? category;
}
