import type oneIdEn from './oneid.en';

/** 身份识别规则页（身份类型、属性合并规则）的简体中文；展开进 zh-CN.ts，键集合与 oneid.en.ts 一致。 */
const oneIdZhCN: Record<keyof typeof oneIdEn, string> = {
  'nav.oneid': '身份识别规则',
  'home.link.oneid': 'One-ID 用来识别同一个人的身份类型，以及属性如何合并',

  'oneid.title': '身份识别规则',
  'oneid.subtitle': '各渠道的记录如何合为一个客户：用哪些身份关联，哪些属性胜出',
  'oneid.readOnly': '你可以查看这些规则；修改需要“管理设置”权限。',

  'oneid.types.title': '身份类型',
  'oneid.types.help': '拥有相同身份的记录会合为一个客户。两个客户的身份冲突时，由优先级最高的类型决定。',
  'oneid.types.col.code': '代码',
  'oneid.types.col.name': '名称',
  'oneid.types.col.priority': '优先级',
  'oneid.types.col.priorityHelp': '1 = 最高',
  'oneid.types.col.limit': '每个客户上限',
  'oneid.types.col.shopScoped': '按店铺区分',
  'oneid.types.col.pii': '个人信息',
  'oneid.types.col.kind': '类别',
  'oneid.types.noLimit': '不限',
  'oneid.types.builtin': '内置',
  'oneid.types.custom': '自定义',
  'oneid.types.piiTag': '个人信息',
  'oneid.types.search': '按代码或名称搜索',
  'oneid.types.add': '新增身份类型',
  'oneid.types.empty': '暂无身份类型',
  'oneid.types.noMatch': '没有匹配的身份类型',

  'oneid.typeForm.title': '新增身份类型',
  'oneid.typeForm.code': '代码',
  'oneid.typeForm.codeHelp': '用于 API 和导入，例如 loyalty_card。创建后不可修改。',
  'oneid.typeForm.name': '名称',
  'oneid.typeForm.priority': '优先级',
  'oneid.typeForm.priorityHelp': '1 为最高：两个客户的身份冲突时由它决定。',
  'oneid.typeForm.limit': '每个客户上限',
  'oneid.typeForm.limitHelp': '一个客户最多可拥有多少个此类身份。留空表示不限。',
  'oneid.typeForm.shopScoped': '按店铺区分',
  'oneid.typeForm.shopScopedHelp': '值只在一个店铺内唯一（例如店铺自己的会员号）。',
  'oneid.typeForm.piiNote': '自定义身份类型不按个人信息处理：请勿用于手机号或邮箱。',
  'oneid.typeForm.submit': '新增',
  'oneid.typeForm.created': '已新增身份类型 {code}',

  'oneid.v.codeLength': '{min}–{max} 个字符',
  'oneid.v.codePattern': '只能包含小写字母、数字和 _，并以字母开头',

  // the server's problems of a new identity type (IdentityTypeProblem), which the form's own checks word alike
  'identity_type.v.required': '必填',
  'identity_type.v.codeFormat': '{min}–{max} 个小写字母、数字或 _，并以字母开头',
  'identity_type.v.nameTooLong': '最多 {max} 个字符',
  'identity_type.v.priorityRange': '{min}（最高）到 {max} 之间的整数',
  'identity_type.v.limitRange': '{min} 到 {max} 之间的整数，留空表示不限',
  'identity_type.v.codeTaken': '身份类型 {code} 已存在',

  'oneid.traits.title': '属性合并规则',
  'oneid.traits.help': '同一个人的记录相遇时（已知客户的新记录、导入、合并），每个属性按其规则取值。空值永远不会覆盖已知值。',
  'oneid.traits.fromNow': '修改从现在起生效，适用于新记录、导入和合并。客户已有的属性不会重新计算。',
  'oneid.traits.col.trait': '属性',
  'oneid.traits.col.strategy': '规则',
  'oneid.traits.default': '默认：{strategy}',
  'oneid.traits.unsaved': '未保存',
  'oneid.traits.reset': '恢复默认',
  'oneid.traits.resetHelp': '把每个属性恢复为默认规则；保存后生效。',
  'oneid.traits.saved': '属性合并规则已保存',

  'oneid.trait.displayName': '昵称',
  'oneid.trait.gender': '性别',
  'oneid.trait.birthday': '生日',
  'oneid.trait.region': '地区（省份与城市）',
  'oneid.trait.realName': '真实姓名',

  'oneid.strategy.latest_non_empty': '最新的非空值',
  'oneid.strategy.oldest_non_empty': '最早的非空值',
  'oneid.strategy.keep_existing': '保留已有值',
  'oneid.strategyHelp.latest_non_empty': '采用最近出现且有值的记录的值。',
  'oneid.strategyHelp.oldest_non_empty': '采用最早出现且有值的记录的值。',
  'oneid.strategyHelp.keep_existing': '客户保留已有的值；只有为空时才由其他记录补上。',
};

export default oneIdZhCN;
