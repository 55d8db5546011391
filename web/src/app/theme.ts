import type { ThemeConfig } from 'antd';

/** Colours chosen for WCAG 2.1 AA contrast on white (text ≥ 4.5:1, graphics ≥ 3:1). */
export const palette = {
  brand: '#a8071a', // party red, for the product mark
  primary: '#0958d9',
  error: '#cf1322',
  warningText: '#ad4e00',
  warningGraphic: '#d46b08',
  successGraphic: '#389e0d',
} as const;

export function buildTheme(largeText: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: palette.primary,
      colorLink: palette.primary,
      colorError: palette.error,
      colorWarning: palette.warningGraphic,
      colorSuccess: palette.successGraphic,
      colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
      colorTextDescription: 'rgba(0, 0, 0, 0.68)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
      // 适老化: the large-text mode scales every size antd derives from these two.
      fontSize: largeText ? 18 : 14,
      controlHeight: largeText ? 40 : 32,
    },
  };
}
