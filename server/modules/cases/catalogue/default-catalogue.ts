import type { CasePriority, CatalogueEntry, HandlerKind } from './schema.js';

export { validateCatalogue } from './validate-catalogue.js';

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Fallback time limits per priority (DESIGN §4): emergency 2 h, utilities and other urgent work
 * 24 h, general 7 days; first contact within 30 min, 2 h and 24 h. No national numbers exist, so
 * a deployment overrides these per category.
 */
export const DEFAULT_PRIORITY_LIMITS: Readonly<Record<CasePriority, { responseMinutes: number; resolutionMinutes: number }>> = {
  emergency: { responseMinutes: 30, resolutionMinutes: 2 * HOUR },
  high: { responseMinutes: 2 * HOUR, resolutionMinutes: 24 * HOUR },
  normal: { responseMinutes: 24 * HOUR, resolutionMinutes: 7 * DAY },
  low: { responseMinutes: 24 * HOUR, resolutionMinutes: 7 * DAY },
};

/** Complex categories (mediation, enforcement, several parties) get 15 days to resolve. */
export const COMPLEX_RESOLUTION_MINUTES = 15 * DAY;

/** The limits a leaf gets from its priority, lengthened when it is complex. */
export function defaultLimits(priority: CasePriority, complex = false) {
  const limits = DEFAULT_PRIORITY_LIMITS[priority];
  return complex ? { ...limits, resolutionMinutes: Math.max(limits.resolutionMinutes, COMPLEX_RESOLUTION_MINUTES) } : { ...limits };
}

type Handler = { handlerKind: Exclude<HandlerKind, 'department'> } | { handlerKind: 'department'; department: string };

interface LeafSpec {
  code: string;
  nameZh: string;
  nameEn: string;
  priority: CasePriority;
  keywords: string[];
  complex?: boolean;
  /** Overrides the group's handler. */
  handler?: Handler;
}

const grid: Handler = { handlerKind: 'grid' };
const committee: Handler = { handlerKind: 'residents_committee' };
const property: Handler = { handlerKind: 'property_company' };
const dept = (department: string): Handler => ({ handlerKind: 'department', department });

/** A parent and its leaves; leaf codes are prefixed with the parent's. */
function group(code: string, nameZh: string, nameEn: string, handler: Handler, leaves: LeafSpec[]): CatalogueEntry[] {
  const parent: CatalogueEntry = { code, parentCode: null, nameZh, nameEn, ...handler, priority: 'normal', responseMinutes: 0, resolutionMinutes: 0, keywords: [] };
  return [
    parent,
    ...leaves.map(({ handler: own, code: leaf, complex, ...rest }): CatalogueEntry => ({
      ...rest,
      code: `${code}.${leaf}`,
      parentCode: code,
      ...(own ?? handler),
      ...defaultLimits(rest.priority, complex),
      ...(complex ? { complex } : {}),
    })),
  ];
}

/**
 * The catalogue a new deployment starts with, shaped after the items that 12345 hotlines and
 * street offices actually receive. Each deployment edits it; codes stay stable once cases use them.
 */
export const DEFAULT_CATALOGUE: readonly CatalogueEntry[] = [
  ...group('property', '物业维修', 'Property repairs and service', property, [
    { code: 'elevator', nameZh: '电梯故障', nameEn: 'Lift out of order', priority: 'high', keywords: ['电梯', '电梯故障', '电梯停运', '电梯坏', '困人', '困在电梯', '关人', '轿厢', '电梯异响', '电梯维保', '维保'] },
    { code: 'corridor_light', nameZh: '楼道灯不亮', nameEn: 'Stairwell lights out', priority: 'normal', keywords: ['楼道灯', '声控灯', '感应灯', '楼梯灯', '过道灯', '灯不亮', '灯坏', '黑灯瞎火', '摸黑', '照明'] },
    { code: 'roof_leak', nameZh: '屋顶外墙渗漏', nameEn: 'Leaking roof or outer wall', priority: 'normal', keywords: ['屋顶漏水', '房顶漏水', '顶层', '楼顶', '渗水', '防水', '外墙渗水', '天花板', '墙皮发霉', '漏雨', '顶楼'] },
    { code: 'sewer_blockage', nameZh: '下水道堵塞', nameEn: 'Blocked drain or sewer', priority: 'normal', keywords: ['下水道', '堵塞', '返水', '化粪池', '污水', '冒水', '排水管', '疏通', '马桶', '地漏', '污水井', '反味'] },
    { code: 'access_control', nameZh: '门禁单元门故障', nameEn: 'Door entry system or building door broken', priority: 'normal', keywords: ['门禁', '单元门', '门禁卡', '刷卡', '对讲', '可视对讲', '门锁', '楼门', '进不去', '门关不上', '人脸识别'] },
    { code: 'service', nameZh: '物业服务质量', nameEn: 'Poor property management service', priority: 'normal', keywords: ['物业不作为', '物业服务', '物业态度', '物业不管', '保安', '物业公司', '物业人员', '不接电话', '服务差', '推诿', '保洁'] },
    { code: 'fee', nameZh: '物业收费争议', nameEn: 'Property fee dispute', priority: 'normal', complex: true, handler: dept('房管所'), keywords: ['物业费', '收费', '乱收费', '涨价', '催缴', '停车费', '公共收益', '维修基金', '维修资金', '收费标准', '账目公开'] },
  ]),
  ...group('environment', '环境卫生', 'Sanitation and greenery', property, [
    { code: 'garbage_collection', nameZh: '垃圾清运不及时', nameEn: 'Rubbish not collected', priority: 'normal', keywords: ['垃圾清运', '垃圾没人收', '垃圾堆', '垃圾桶满', '垃圾站', '装修垃圾', '建筑垃圾', '大件垃圾', '臭气熏天', '清运', '垃圾满了', '外溢'] },
    { code: 'garbage_sorting', nameZh: '垃圾分类', nameEn: 'Waste sorting', priority: 'normal', handler: committee, keywords: ['垃圾分类', '厨余垃圾', '可回收物', '其他垃圾', '有害垃圾', '分类投放', '桶前值守', '混装', '投放点', '撤桶', '定时定点'] },
    { code: 'dirty_spot', nameZh: '卫生死角', nameEn: 'Neglected dirty corner', priority: 'normal', handler: grid, keywords: ['卫生死角', '脏乱差', '积存垃圾', '杂物', '落叶', '没人打扫', '卫生', '污渍', '烟头', '脏乱', '小广场'] },
    { code: 'greening', nameZh: '绿化养护', nameEn: 'Trees and green space upkeep', priority: 'normal', keywords: ['绿化', '树木', '修剪', '树枝', '挡光', '草坪', '枯树', '杂草', '毁绿', '种菜', '树杈', '倒伏', '剪枝'] },
    { code: 'pests', nameZh: '蚊蝇鼠害', nameEn: 'Pests: rats, cockroaches, mosquitoes', priority: 'normal', handler: dept('卫健办'), keywords: ['老鼠', '蟑螂', '蚊子', '苍蝇', '消杀', '灭鼠', '鼠患', '虫子', '白蚁', '病媒', '蚊虫'] },
  ]),
  ...group('noise', '噪音扰民', 'Noise nuisance', grid, [
    { code: 'construction', nameZh: '施工噪音', nameEn: 'Construction-site noise', priority: 'normal', handler: dept('城管执法队'), keywords: ['施工', '工地', '夜间施工', '打桩', '渣土车', '挖掘机', '施工噪音', '连夜施工', '机器轰鸣', '夜间作业', '搅拌'] },
    { code: 'shop', nameZh: '商铺噪音', nameEn: 'Shop and business noise', priority: 'normal', handler: dept('城管执法队'), keywords: ['商铺', '店铺', '喇叭', '音响', '外放', '促销', '门口放音乐', '大喇叭', '酒吧', 'KTV', '饭馆', '吆喝', '叫卖', '空调外机'] },
    { code: 'neighbour', nameZh: '邻里噪音', nameEn: 'Noisy neighbours', priority: 'normal', keywords: ['楼上', '楼下', '邻居', '跺脚', '跑跳', '半夜', '唱歌', '打麻将', '拖椅子', '吵得睡不着', '弹琴', '隔壁', '狗叫'] },
    { code: 'square_dance', nameZh: '广场舞噪音', nameEn: 'Square-dancing noise', priority: 'normal', handler: committee, keywords: ['广场舞', '跳舞', '音箱', '扭秧歌', '晨练', '健身操', '放音乐', '音乐声', '广场', '太大声'] },
    { code: 'renovation', nameZh: '装修噪音', nameEn: 'Home renovation noise', priority: 'normal', handler: property, keywords: ['装修', '电钻', '砸墙', '装修噪音', '电锯', '敲打', '装修时间', '周末装修', '冲击钻', '切割'] },
  ]),
  ...group('urban', '城市管理', 'Street order and enforcement', dept('城管执法队'), [
    { code: 'illegal_construction', nameZh: '违章搭建', nameEn: 'Illegal structure', priority: 'normal', complex: true, keywords: ['违建', '违章', '私搭乱建', '搭建', '加盖', '违章建筑', '彩钢房', '阳光房', '圈占', '扩建', '私建', '自建房'] },
    { code: 'street_vending', nameZh: '占道经营', nameEn: 'Street vending and shops spilling onto the pavement', priority: 'normal', keywords: ['占道', '摆摊', '小商贩', '流动摊贩', '出店经营', '早市', '夜市', '占用人行道', '摊位', '菜摊', '水果摊'] },
    { code: 'flyers', nameZh: '小广告', nameEn: 'Flyers and graffiti', priority: 'normal', handler: grid, keywords: ['小广告', '牛皮癣', '乱贴', '涂鸦', '喷涂', '乱涂乱画', '办证', '开锁广告', '贴小广告', '传单'] },
    { code: 'bbq_fumes', nameZh: '露天烧烤与油烟', nameEn: 'Outdoor barbecue and cooking fumes', priority: 'normal', keywords: ['烧烤', '油烟', '露天烧烤', '烟熏', '撸串', '排烟', '炭火', '呛人', '餐馆油烟', '烤串', '烟雾'] },
  ]),
  ...group('parking', '停车管理', 'Parking', property, [
    { code: 'illegal', nameZh: '乱停车', nameEn: 'Badly parked vehicles', priority: 'normal', keywords: ['乱停', '乱停车', '乱停乱放', '堵路', '挡路', '违停', '停在路口', '挡住出口', '车辆乱停', '占道停车', '挪车'] },
    { code: 'abandoned', nameZh: '僵尸车', nameEn: 'Abandoned vehicle', priority: 'normal', complex: true, handler: dept('交通队'), keywords: ['僵尸车', '废弃车', '长期停放', '落满灰', '无牌车', '报废车', '没人开', '积灰', '瘪胎', '弃置'] },
    { code: 'ev_charging', nameZh: '充电桩', nameEn: 'EV charging points', priority: 'normal', keywords: ['充电桩', '充电', '新能源', '电动汽车', '充电设施', '安装充电桩', '充电车位', '电车', '报装', '充电口'] },
    { code: 'ground_lock', nameZh: '私装地锁', nameEn: 'Private parking locks', priority: 'normal', keywords: ['地锁', '车位锁', '私装地锁', '占车位', '桩子', '锥桶', '占位', '私占', '公共车位', '石墩'] },
  ]),
  ...group('water', '供水', 'Water supply', dept('供水公司'), [
    { code: 'outage', nameZh: '停水', nameEn: 'No water', priority: 'high', keywords: ['停水', '没水', '没有水', '断水', '来水', '水龙头', '不出水', '停水通知', '突然停水', '恢复供水'] },
    { code: 'low_pressure', nameZh: '水压低', nameEn: 'Low water pressure', priority: 'high', keywords: ['水压', '水压低', '水流小', '水小', '高层', '二次供水', '加压', '热水器打不着', '上不去', '水量小'] },
    { code: 'quality', nameZh: '水质问题', nameEn: 'Water quality', priority: 'high', keywords: ['水质', '发黄', '浑浊', '异味', '黄水', '水有味', '铁锈', '水垢', '沉淀', '自来水', '消毒水味'] },
    { code: 'pipe_burst', nameZh: '供水管道漏水', nameEn: 'Burst or leaking water main', priority: 'high', keywords: ['水管', '爆管', '爆裂', '管道破裂', '漏水', '跑水', '水管破', '总阀', '阀门', '管网', '水表井'] },
  ]),
  ...group('power', '供电', 'Electricity supply', dept('供电公司'), [
    { code: 'outage', nameZh: '停电', nameEn: 'Power cut', priority: 'high', keywords: ['停电', '没电', '断电', '跳闸', '来电', '电闸', '突然停电', '停电通知', '恢复供电', '变压器'] },
    { code: 'aging_wiring', nameZh: '线路老化', nameEn: 'Ageing or unsafe wiring', priority: 'high', keywords: ['线路老化', '电线', '电线杆', '老化', '打火', '冒火花', '电缆', '电表箱', '线缆', '配电箱', '电线裸露'] },
  ]),
  ...group('gas', '燃气', 'Gas', dept('燃气公司'), [
    { code: 'leak', nameZh: '燃气泄漏', nameEn: 'Gas leak', priority: 'emergency', keywords: ['燃气泄漏', '煤气泄漏', '煤气味', '燃气味', '漏气', '天然气味', '泄漏', '刺鼻', '燃气管', '煤气', '气味'] },
    { code: 'outage', nameZh: '停气与燃气表', nameEn: 'Gas off or meter fault', priority: 'high', keywords: ['停气', '没气', '打不着火', '燃气表', '燃气卡', '充值', '点不着', '燃气灶', '天然气', '供气', '燃气公司'] },
  ]),
  ...group('heating', '供暖', 'Heating', dept('热力公司'), [
    { code: 'insufficient', nameZh: '暖气不热', nameEn: 'Radiators not warm', priority: 'high', keywords: ['暖气不热', '暖气', '供暖', '室温', '温度低', '不热', '冰凉', '几度', '冻得', '采暖', '集中供暖', '放气'] },
    { code: 'leak', nameZh: '暖气漏水', nameEn: 'Leaking radiator or heating pipe', priority: 'high', keywords: ['暖气漏水', '暖气片漏水', '暖气管', '暖气片', '跑水', '滴水', '阀门', '漏了', '泡了', '供暖管道'] },
  ]),
  ...group('safety', '安全隐患', 'Safety hazards', grid, [
    { code: 'fire_lane', nameZh: '消防通道堵塞', nameEn: 'Fire lane blocked', priority: 'emergency', handler: dept('应急管理科'), keywords: ['消防通道', '消防车道', '生命通道', '消防栓', '堵塞', '消防', '着火', '火灾', '安全出口', '灭火器'] },
    { code: 'flying_wire', nameZh: '飞线充电', nameEn: 'Dangerous e-bike charging', priority: 'high', keywords: ['飞线', '飞线充电', '电动车', '电瓶车', '电动自行车', '推进楼', '插线板', '拉电线', '楼道充电', '电池', '充电'] },
    { code: 'corridor_clutter', nameZh: '楼道堆物', nameEn: 'Clutter in stairwells', priority: 'normal', keywords: ['楼道堆物', '堆放', '杂物', '纸箱', '废品', '楼道', '堆满', '旧家具', '自行车', '占用楼道', '堆积'] },
    { code: 'falling_risk', nameZh: '高空坠物隐患', nameEn: 'Falling-object hazard', priority: 'high', handler: property, keywords: ['高空坠物', '高空抛物', '外墙脱落', '墙皮脱落', '空调架', '掉下来', '砸到', '窗户', '瓷砖', '松动', '坠落'] },
  ]),
  ...group('municipal', '市容市政', 'Public roads and facilities', dept('城市管理科'), [
    { code: 'street_light', nameZh: '路灯故障', nameEn: 'Street light out', priority: 'normal', keywords: ['路灯', '路灯不亮', '灯杆', '路灯坏', '马路', '照明', '街灯', '黑漆漆', '夜里走路'] },
    { code: 'manhole', nameZh: '井盖缺失破损', nameEn: 'Missing or broken manhole cover', priority: 'high', keywords: ['井盖', '窨井', '井口', '井盖丢失', '井盖松动', '井盖破损', '雨水篦子', '篦子', '下陷', '大坑'] },
    { code: 'road_damage', nameZh: '道路破损', nameEn: 'Damaged road or pavement', priority: 'normal', keywords: ['道路破损', '路面', '坑洼', '塌陷', '步道砖', '人行道', '路不平', '裂缝', '修路', '便道'] },
    { code: 'drainage', nameZh: '道路积水', nameEn: 'Flooded road', priority: 'normal', keywords: ['积水', '下雨', '雨水', '排水', '汪着水', '淹了', '内涝', '暴雨', '排不出去', '水坑'] },
  ]),
  ...group('housing', '房屋租赁', 'Rental housing', dept('房管所'), [
    { code: 'group_rental', nameZh: '群租房', nameEn: 'Overcrowded subletting', priority: 'normal', complex: true, keywords: ['群租', '群租房', '隔断', '上下铺', '打隔断', '住了十几个', '出租屋', '二房东', '人员复杂', '进进出出'] },
    { code: 'rental_dispute', nameZh: '租赁纠纷', nameEn: 'Landlord and tenant dispute', priority: 'normal', complex: true, keywords: ['押金', '房东', '租客', '中介', '租金', '退租', '租房', '合同', '长租公寓', '不退', '房租'] },
    { code: 'renovation', nameZh: '违规装修', nameEn: 'Unsafe alterations', priority: 'normal', keywords: ['承重墙', '拆墙', '违规装修', '改结构', '打通', '破坏结构', '挖地下室', '封阳台', '凿墙', '改管道'] },
  ]),
  ...group('welfare', '民生保障', 'Welfare and care', committee, [
    { code: 'elderly_care', nameZh: '养老服务', nameEn: 'Elderly care services', priority: 'normal', keywords: ['养老', '老人', '助餐', '老年餐桌', '居家养老', '养老驿站', '上门服务', '护理', '高龄', '失能', '日间照料', '助浴'] },
    { code: 'subsistence', nameZh: '低保救助', nameEn: 'Minimum living allowance and assistance', priority: 'normal', handler: dept('民政科'), keywords: ['低保', '救助', '困难', '补助', '特困', '低收入', '临时救助', '补贴', '申请低保', '生活困难', '大病'] },
    { code: 'medical', nameZh: '社区医疗卫生', nameEn: 'Community health services', priority: 'normal', handler: dept('卫健办'), keywords: ['社区医院', '卫生服务站', '家庭医生', '疫苗', '开药', '看病', '体检', '医保', '卫生站', '签约医生', '接种'] },
    { code: 'person_in_danger', nameZh: '人员遇险', nameEn: 'Person in danger', priority: 'emergency', handler: grid, keywords: ['摔倒', '晕倒', '联系不上', '独居', '敲门没人应', '救命', '昏迷', '轻生', '走失', '出事', '起不来', '危险'] },
  ]),
  ...group('dispute', '矛盾纠纷', 'Disputes', committee, [
    { code: 'neighbour', nameZh: '邻里纠纷', nameEn: 'Neighbour dispute', priority: 'normal', complex: true, keywords: ['邻里纠纷', '吵架', '矛盾', '调解', '邻居', '纠纷', '打架', '骂人', '漏水到楼下', '占用', '协调'] },
    { code: 'wage_arrears', nameZh: '拖欠工资', nameEn: 'Unpaid wages', priority: 'normal', complex: true, handler: dept('人力社保所'), keywords: ['工资', '欠薪', '拖欠', '工钱', '老板', '农民工', '讨薪', '劳动合同', '辞退', '社保', '加班费'] },
  ]),
  ...group('pets', '宠物管理', 'Pets and animals', grid, [
    { code: 'dog_walking', nameZh: '文明养犬', nameEn: 'Unleashed or dangerous dogs', priority: 'normal', handler: dept('派出所'), keywords: ['遛狗', '拴绳', '牵绳', '大型犬', '咬人', '被狗咬', '烈性犬', '狗没拴', '犬只', '养狗', '狗证'] },
    { code: 'stray', nameZh: '流浪猫狗', nameEn: 'Stray cats and dogs', priority: 'normal', handler: committee, keywords: ['流浪猫', '流浪狗', '野猫', '流浪', '投喂', '喂猫', '猫粮', '叫春', '野狗', '流浪动物'] },
    { code: 'dog_waste', nameZh: '宠物粪便', nameEn: 'Dog mess', priority: 'normal', keywords: ['狗屎', '狗粪', '粪便', '宠物粪便', '狗尿', '便便', '拉屎', '撒尿', '踩到', '遛狗不捡'] },
  ]),
  ...group('market', '市场监管', 'Markets and consumers', dept('市场监管所'), [
    { code: 'food_safety', nameZh: '食品安全', nameEn: 'Food safety', priority: 'normal', keywords: ['食品安全', '过期', '变质', '吃坏', '拉肚子', '食物中毒', '卫生许可', '后厨', '发霉', '三无', '外卖'] },
    { code: 'price', nameZh: '消费维权', nameEn: 'Consumer complaints and prices', priority: 'normal', keywords: ['预付卡', '办卡', '跑路', '退费', '价格', '宰客', '欺诈', '缺斤少两', '明码标价', '消费', '虚假宣传', '退款'] },
  ]),
  ...group('community', '社区服务', 'Community services and enquiries', committee, [
    { code: 'certificate', nameZh: '证明开具', nameEn: 'Certificates and paperwork', priority: 'low', keywords: ['开证明', '证明', '盖章', '居住证明', '户籍', '户口', '办理', '手续', '开具', '证明材料', '居住证'] },
    { code: 'policy', nameZh: '政策咨询', nameEn: 'Policy enquiry', priority: 'low', keywords: ['咨询', '政策', '怎么申请', '条件', '请问', '补贴政策', '老旧小区改造', '加装电梯', '规定', '流程', '了解一下'] },
    { code: 'praise', nameZh: '表扬感谢', nameEn: 'Thanks and praise', priority: 'low', keywords: ['表扬', '感谢', '谢谢', '锦旗', '点赞', '辛苦了', '负责', '热心', '及时', '满意'] },
  ]),
];
