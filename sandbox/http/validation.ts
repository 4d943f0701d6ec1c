// Request validation with zod, messages in Italian (zod's 'it' locale, per parse: no global config,
// so an app embedding the sandbox keeps its own zod settings).
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';

const italian = z.locales.it().localeError;

export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message: string;
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { error: italian });
    if (result.success) return { value: result.data };
    const issues: ValidationIssue[] = result.error.issues.map((i) => ({
      keyword: i.code,
      instancePath: i.path.length > 0 ? `/${i.path.map(String).join('/')}` : '',
      schemaPath: '#',
      params: {},
      message: i.message,
    }));
    return { error: issues as unknown as Error };
  };
