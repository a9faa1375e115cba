// Simplified Chinese, the default language. This object defines the key set; en.resource.ts must match it
// (enforced by the `TranslationShape` type and by i18n.spec.ts).
export const zhCN = {
  app: {
    name: '环保脸谱',
    documentTitle: '环保脸谱 EnvFace',
    nameEn: 'EnvFace',
    tagline: '企业环境信用实时评价',
    skipToContent: '跳到主要内容',
  },
  nav: {
    label: '主导航',
    overview: '总览',
    enterprises: '企业',
  },
  header: {
    userMenu: '用户菜单',
    signedInAs: '当前用户',
    role: '角色',
    roles: { admin: '管理员', inspector: '监管人员', enterprise: '企业用户', unknown: '未知角色' },
    expiresAt: '登录有效期至 {{time}}',
    logout: '退出登录',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'English',
  },
  login: {
    title: '监管人员登录',
    subtitle: '登录后查看企业环境信用实时评价',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    required: '请输入用户名和密码',
    invalidCredentials: '用户名或密码错误',
    rateLimited: '尝试次数过多，请稍后再试',
    sessionExpired: '登录已过期，请重新登录',
    loggedOut: '您已安全退出',
    footer: '环保脸谱 · 企业环境信用评价系统',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试',
    server: '服务器出错（{{status}}），请稍后重试',
    forbidden: '您没有访问此页面的权限',
    unknown: '发生未知错误',
  },
  state: {
    loading: '正在加载…',
    empty: '暂无数据',
    error: '加载失败',
    retry: '重试',
  },
  pages: {
    overview: {
      title: '总览',
      subtitle: '辖区企业环境信用评价概况',
      pendingTitle: '评价数据尚未接入',
      pending: '评价分布、趋势与预警将在评价接口就绪后显示于此。',
    },
    enterprises: {
      title: '企业',
      subtitle: '按统一社会信用代码查询企业评价',
      pendingTitle: '企业列表尚未接入',
      pending: '企业列表与筛选将在企业接口就绪后显示于此。',
    },
    enterprise: {
      title: '企业详情',
      uscc: '统一社会信用代码',
      pendingTitle: '该企业的评价数据尚未接入',
      pending: '每日评分、评价日历与扣分明细将在评价接口就绪后显示于此。',
      back: '返回企业列表',
    },
    notFound: {
      title: '页面不存在',
      message: '您访问的页面不存在或已被移除。',
      home: '返回总览',
    },
    forbidden: {
      title: '无访问权限',
    },
  },
  legend: {
    title: '评价等级说明',
    rating: '评价',
    grade: '等级',
    scoreRange: '分数',
    atLeast: '≥ {{score}}',
    below: '< {{score}}',
    vetoNote: '一票否决期间一律评为 1 星、哭脸、黑色、不良。',
  },
  rating: {
    face: { smile: '笑脸', neutral: '平脸', cry: '哭脸' },
    colour: { green: '绿色', blue: '蓝色', yellow: '黄色', red: '红色', black: '黑色' },
    grade: { trustworthy: '诚信', good: '良好', warning: '警示', bad: '不良' },
    faceLabel: '{{face}}（{{colour}}）',
    starsLabel: '{{stars}} 星（满分 5 星）',
    starsShort: '{{stars}}星',
    score: '评分',
    scoreValue: '{{score}} 分',
    veto: '一票否决',
    badgeLabel: '评分 {{score}}，{{stars}} 星，{{face}}，{{grade}}',
  },
  criteria: {
    E: '执法监管',
    M: '在线监测',
    P: '排污许可',
    S: '社会监督',
  },
  charts: {
    count: '企业数',
    day: '日期',
    score: '评分',
    threshold: '{{stars}}星线 {{score}}',
    veto: '否决',
    event: '事件',
    noData: '暂无数据',
    starDistribution: '星级分布',
    starTrend: '近 30 日星级趋势',
    breakdown: '分类星级构成',
    scoreTimeline: '每日评分',
    starCalendar: '{{year}} 年评价日历',
  },
} as const;

/** Same keys as zhCN, any string values: the shape every other language must provide. */
export type TranslationShape<T> = { [K in keyof T]: T[K] extends string ? string : TranslationShape<T[K]> };
export type Translations = TranslationShape<typeof zhCN>;
