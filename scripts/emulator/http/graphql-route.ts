import type { Request, Response } from 'express';
import { z } from 'zod';
import type { GraphqlExecutor } from '../graphql/executor.ts';

const graphqlRequest = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

/** POST /graphql: like a GraphQL server, errors come back as `{errors:[{message}]}` with HTTP 200. */
export function graphqlHandler(executor: GraphqlExecutor) {
  return async (req: Request, res: Response): Promise<void> => {
    const parsed = graphqlRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ errors: [{ message: `Bad GraphQL request: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` }] });
      return;
    }
    const { query, variables, operationName } = parsed.data;
    res.json(await executor.run(query, variables, operationName));
  };
}
