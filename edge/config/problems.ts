import { describeProblem } from './forms.ts';
import { missingSecrets } from './secrets.ts';
import { envRecord, formsOf } from '../runtime.ts';

/** What is wrong with this deployment's forms: invalid config, and valid forms naming a secret the Worker lacks. */
export function formProblems(env: Env): Array<{ formId?: string | undefined; problem: string }> {
  const { forms, problems } = formsOf(env);
  return [
    ...problems.map((problem) => ({ formId: problem.formId, problem: describeProblem(problem) })),
    // The lead route refuses such a form until the secret is set.
    ...[...forms.values()].flatMap((form) => missingSecrets(form, envRecord(env)).map((problem) => ({ formId: form.id, problem }))),
  ];
}
