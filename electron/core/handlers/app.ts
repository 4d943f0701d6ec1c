import type { Handler } from './types';

export const appInfo: Handler<'app.info'> = async (_input, ctx) => ({ ...ctx.app });
