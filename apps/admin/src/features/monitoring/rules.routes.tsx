import { Route, Routes } from 'react-router';
import { RuleSetEditorPage } from './rule-set-editor.page';
import { RulesPage } from './rules.page';

/** The rules and models area's pages (mounted at /rules/* by the app router). */
export function RulesRoutes() {
  return (
    <Routes>
      <Route index element={<RulesPage />} />
      <Route path="rule-sets/new" element={<RuleSetEditorPage />} />
      <Route path="rule-sets/:id" element={<RuleSetEditorPage />} />
    </Routes>
  );
}
