import type { CommandName, CommandOutput, CommandParsedInput } from '../../common/commands/table';
import type { CoreContext } from '../context';

export type Handler<N extends CommandName> = (input: CommandParsedInput<N>, ctx: CoreContext) => Promise<CommandOutput<N>>;

/** One handler per command: a command without a handler does not compile. */
export type Handlers = { [N in CommandName]: Handler<N> };
