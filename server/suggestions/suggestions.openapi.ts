import { Suggestion, SuggestionList, SuggestionRequest } from '../../shared/index.ts';
import { errors, type ApiOperation } from '../openapi/api-operation.ts';

export const suggestionsApi: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/suggestions',
    operationId: 'suggestService',
    summary: 'Suggest a service the catalog does not follow yet',
    description:
      'The same name (case, spaces and punctuation aside) is counted, not stored twice. `website` must ' +
      'stay empty and `elapsedMs` be at least 1,500.',
    tag: 'Services',
    body: SuggestionRequest,
    responses: { 201: { description: 'Stored for operators.', schema: Suggestion }, ...errors(400, 429, 503) },
  },
  {
    method: 'get',
    path: '/api/admin/suggestions',
    operationId: 'listSuggestions',
    summary: 'Services people suggested, most asked for first',
    tag: 'Operators',
    operator: true,
    responses: { 200: { description: 'Up to 200 suggestions.', schema: SuggestionList }, ...errors(401) },
  },
];
