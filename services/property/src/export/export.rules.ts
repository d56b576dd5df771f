/** A period named in an export's file and filtering its rows: a year (2026), a half (2026H1), a quarter (2026Q3) or a month (2026-05). */
export const PERIOD_PATTERN = /^(\d{4})(?:H([12])|Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The first and last day of a period (YYYY-MM-DD), or undefined when it is not one. */
export function periodDays(period: string): { from: string; to: string } | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const [, year, half, quarter, month] = match;
  const [first, last] = half
    ? [(Number(half) - 1) * 6 + 1, Number(half) * 6]
    : quarter
      ? [(Number(quarter) - 1) * 3 + 1, Number(quarter) * 3]
      : month
        ? [Number(month), Number(month)]
        : [1, 12];
  const lastDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/** Labels of the export columns' enum values, in the bureau's language. */
export const LABELS: Record<string, string> = {
  PROFESSIONAL: '专业化物业服务',
  COMMUNITY_MANAGED: '社区托管',
  OWNER_SELF_MANAGED: '业主自治管理',
  STATE_OWNED_FALLBACK: '国企兜底',
  FEES: '物业费',
  SERVICE_QUALITY: '服务质量',
  REPAIRS: '维修',
  PARKING: '停车',
  PUBLIC_REVENUE: '公共收益',
  OWNERS_COMMITTEE: '业委会',
  OTHER: '其他',
  FILED: '已受理',
  MEDIATING: '调解中',
  CLOSED: '已办结',
  AGREEMENT_REACHED: '达成调解协议',
  JUDICIALLY_CONFIRMED: '司法确认',
  NO_AGREEMENT: '调解不成',
  REFERRED_TO_LITIGATION: '转入诉讼',
  WITHDRAWN: '撤回',
  HOUSING: '住建',
  JUSTICE: '司法',
  COURT: '法院',
  COMMUNITY: '社区',
  PUBLIC_SECURITY: '公安',
  MARKET_REGULATION: '市场监管',
  NO_PROBLEM: '未发现问题',
  RECTIFICATION_REQUIRED: '限期整改',
  SERIOUS_VIOLATION: '严重违规',
};

export const label = (value: string | null | undefined): string => (value ? (LABELS[value] ?? value) : '');
