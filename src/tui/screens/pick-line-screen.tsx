import { Box } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { PickLineRows, linePosition } from '../components/pick-line-rows.js';
import { TitleRow } from '../components/title-row.js';
import { useT, useTerminalSize } from '../context/terminal-context.js';

type PickView = Extract<StationView, { screen: 'pick' }>;

/** One pick line of one order: the order, where the operator is in its lines, then the line's rows. */
export function PickLineScreen({ view }: { view: PickView }) {
  const t = useT();
  const { compact } = useTerminalSize();
  return (
    <Box flexDirection="column">
      <TitleRow title={view.order.number} detail={view.order.customer} aside={linePosition(t, view, compact)} />
      <PickLineRows picking={view} />
    </Box>
  );
}
