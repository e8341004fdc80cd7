import { Text } from 'ink';
import type { Theme } from '../theme.js';

export function KeyHints({ text, theme }: { text: string; theme: Theme }) {
  return (
    <Text color={theme.dim} dimColor={!theme.dim} wrap="truncate">
      {text}
    </Text>
  );
}
