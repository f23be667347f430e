import type { Translator } from '../../i18n/core';

/** Localized names of the metrics codes, falling back to the code. */
export const segmentLabel = (tr: Translator, code: string) => tr.tOr(`rfm.segment.${code}`, code);
export const quadrantLabel = (tr: Translator, code: string) => tr.tOr(`rfm.quadrant.${code}`, code);
export const stageLabel = (tr: Translator, code: string) => tr.tOr(`lifecycle.stage.${code}`, code);
export const modeLabel = (tr: Translator, code: string) => tr.tOr(`rfm.mode.${code}`, code);

/** Tag colours per named segment and quadrant. */
export const SEGMENT_COLORS: Record<string, string> = {
  champions: 'gold',
  loyal: 'green',
  potential_loyalist: 'cyan',
  new: 'blue',
  promising: 'geekblue',
  need_attention: 'purple',
  about_to_sleep: 'orange',
  at_risk: 'volcano',
  cant_lose: 'red',
  hibernating: 'default',
  lost: 'default',
};

export const QUADRANT_COLORS: Record<string, string> = {
  high_value: '#d48806',
  to_activate: '#1677ff',
  new_customer: '#389e0d',
  sleeping: '#8c8c8c',
};

export const STAGE_COLORS: Record<string, string> = {
  prospect: '#bfbfbf',
  new: '#69b1ff',
  active: '#52c41a',
  at_risk: '#faad14',
  dormant: '#fa8c16',
  lost: '#8c8c8c',
};
